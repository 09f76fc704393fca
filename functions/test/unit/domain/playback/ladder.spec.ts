import assert from 'node:assert/strict';
import {
  avcCodecString,
  highProfileCodec,
  levelFor,
  planLadder,
  playbackOrder,
  summariseLadder,
  type SourceFacts,
} from '../../../../src/domain/playback/ladder';

const source = (width: number, height: number, extra: Partial<SourceFacts> = {}): SourceFacts => ({
  width,
  height,
  fps: 30,
  hasAudio: true,
  videoCodec: 'avc1.64001f',
  audioCodec: 'mp4a.40.2',
  ...extra,
});
const heights = (plan: ReturnType<typeof planLadder>) => plan.rungs.map((r) => r.height);

describe('the adaptive ladder', () => {
  it('gives a 720p source at LiveKit’s 3 Mbit/s 540p, 360p and 234p, never its own height, and audio only', () => {
    const plan = planLadder(source(1280, 720), 3_100_000);
    assert.deepEqual(heights(plan), [540, 360, 234]);
    assert.deepEqual(
      plan.rungs.map((r) => [r.name, r.width, r.height]),
      [
        ['r540', 960, 540],
        ['r360', 640, 360],
        ['r234', 416, 234],
      ],
    );
    assert.equal(plan.audio, true);
  });

  it('never upscales, and keeps every rung at most 0.6 of the source’s bitrate; the rungs depend on the size alone', () => {
    assert.deepEqual(heights(planLadder(source(640, 360), 870_000)), [234]); // the seeded 360p lecture
    assert.deepEqual(heights(planLadder(source(320, 180), 300_000)), []);
    assert.deepEqual(heights(planLadder(source(1920, 1080), 6_000_000)), [720, 540, 360, 234]);
    const slow = planLadder(source(1280, 720), 1_000_000);
    assert.deepEqual(
      slow.rungs.map((r) => [r.height, r.videoBitrate]),
      [
        [540, 600_000],
        [360, 600_000],
        [234, 145_000],
      ],
    );
    // A still slide's segment: the same rungs, at the floor.
    assert.deepEqual(
      planLadder(source(1280, 720), 50_000).rungs.map((r) => [r.height, r.videoBitrate]),
      [
        [540, 64_000],
        [360, 64_000],
        [234, 64_000],
      ],
    );
  });

  it('keeps the source’s aspect ratio at even sizes, and has no audio rung without audio', () => {
    const plan = planLadder(source(1024, 768, { hasAudio: false }), 3_000_000);
    assert.deepEqual(
      plan.rungs.map((r) => [r.width, r.height]),
      [
        [720, 540],
        [480, 360],
        [312, 234],
      ],
    );
    assert.equal(plan.audio, false);
  });

  it('names codecs as RFC 6381 does', () => {
    assert.equal(avcCodecString('High', 31), 'avc1.64001f');
    assert.equal(avcCodecString('Main', 30), 'avc1.4d001e');
    assert.equal(avcCodecString('Weird', 30), undefined);
    assert.equal(highProfileCodec(levelFor(416, 234, 30)), 'avc1.64001e');
    assert.equal(highProfileCodec(levelFor(960, 540, 30)), 'avc1.64001f');
    assert.equal(highProfileCodec(levelFor(1920, 1080, 30)), 'avc1.640028');
  });

  it('measures each rung from the stored segments: peak and mean bit rate, the segments it lacks', () => {
    const facts = source(640, 360, { videoCodec: 'avc1.64001e' });
    const rungs = [
      { name: 'r234' as const, width: 416, height: 234, codecs: ['avc1.64001e', 'mp4a.40.2'], copyBytes: 175_000 },
      { name: 'audio' as const, codecs: ['mp4a.40.2'], copyBytes: 56_000 },
    ];
    const summary = summariseLadder([
      { seq: 0, durationSeconds: 7, sourceCopyBytes: 700_000, source: facts, rungs },
      { seq: 1, durationSeconds: 7, sourceCopyBytes: 1_050_000 }, // stored plain: no lower rungs
      { seq: 2, durationSeconds: 3.5, sourceCopyBytes: 350_000, source: facts, rungs },
    ]);
    assert.deepEqual(
      summary.map((r) => [r.name, r.peakBps, r.averageBps, r.absent]),
      [
        ['source', 1_200_000, 960_000, []],
        ['r234', 400_000, 266_667, [1]],
        ['audio', 128_000, 85_334, [1]],
      ],
    );
    assert.deepEqual(summary[0]!.codecs, ['avc1.64001e', 'mp4a.40.2']);
    assert.equal(summary[0]!.height, 360);
    assert.equal(summary[2]!.width, undefined);
  });

  it('lists the start rung first (the tallest within 1.2 Mbit/s), then the others by bit rate, audio last', () => {
    const rung = (name: 'source' | 'r540' | 'r360' | 'audio', averageBps: number) => ({
      name,
      peakBps: averageBps,
      averageBps,
      absent: [],
    });
    const order = playbackOrder([
      rung('source', 3_000_000),
      rung('audio', 64_000),
      rung('r360', 600_000),
      rung('r540', 1_500_000),
    ]);
    assert.deepEqual(
      order.map((r) => r.name),
      ['r360', 'source', 'r540', 'audio'],
    );
  });
});
