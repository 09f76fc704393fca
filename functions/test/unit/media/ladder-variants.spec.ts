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
});
