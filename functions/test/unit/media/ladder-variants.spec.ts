// The one ffmpeg run per laddered segment: its arguments where the plan has no lower video rung.
import assert from 'node:assert/strict';
import { planLadder } from '../../../src/domain/playback/ladder';
import { ladderArgs, ladderParts } from '../../../src/media/ladder-variants';

const small = planLadder(
  { width: 320, height: 180, fps: 25, hasAudio: true, videoCodec: 'avc1.64000d', audioCodec: 'mp4a.40.2' },
  300_000,
);

describe('the ladder run (media/ladder-variants.ts)', () => {
  it('makes audio only from an unmarked source too small for a video rung, with no (empty) filter graph', () => {
    assert.deepEqual(ladderParts(small, false), [{ rung: 'audio' }]);
    const args = ladderArgs(small, false, 250_000, 7);
    assert.ok(!args.includes('-filter_complex'), args.join(' '));
    assert.deepEqual(args.slice(args.indexOf('-map'), args.indexOf('-map') + 2), ['-map', '0:a']);
  });

  it('keeps the mark’s graph for a marked source of the same size', () => {
    const args = ladderArgs(small, true, 250_000, 7);
    assert.ok(args[args.indexOf('-filter_complex') + 1]!.length > 0);
  });

  it('leaves a marked source rung’s A and B out only when the plan says so, keeping its reference', () => {
    const plan = planLadder({ ...small.source, width: 640, height: 360 }, 600_000);
    const rungs = (p: typeof plan) => ladderParts(p, true).map((part) => `${part.rung ?? 'source'}.${part.part}`);
    assert.deepEqual(rungs(plan), ['source.a', 'source.b', 'source.ref', 'r234.a', 'r234.b', 'audio.undefined']);
    const lower = { ...plan, audio: false, markedSource: false } as const;
    assert.deepEqual(rungs(lower), ['source.ref', 'r234.a', 'r234.b']);
    const args = ladderArgs(lower, true, 650_000, 7);
    assert.equal(args.filter((a) => a.startsWith('pipe:')).length, 1 + 3, 'stdin and three outputs');
    assert.ok(!args[args.indexOf('-filter_complex') + 1]!.includes('_top'), 'no source copy in the graph');
  });
});
