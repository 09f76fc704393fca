// Issue 27: a copy ripped from the ladder's lowest video rung still names its viewer. A 640×360
// lecture (the smallest test picture with a rung below it) goes through ingest's own ladder run, one
// segment at a time (media/ladder-variants.ts: one decode, the mark applied once, each variant
// scaled to 234p and encoded at 145 kbit/s; the source rung's own A and B, which this test never
// reads, left out of the run, which halves its work). The leaker's copy is the 234p rung as their session is
// served it (variant A or B of each segment by their codeword, exactly as delivery picks it), joined
// and re-encoded small as a leaker shares it (scripts/demo-rip.mjs); the tracer's own steps
// (decodeClipFrames, then traceClip against the recording's reference) must name the leaker and not
// the other viewer. No emulators: delivery of each rung by codeword is tested in
// functions/test/integration/adaptive-ladder.spec.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { codewordBit, newCodewordSeed, variantOf } from '../../../src/domain/forensic/forensic-mark';
import { traceClip, type Codeword } from '../../../src/domain/forensic/forensic-decode';
import { decodeClipFrames } from '../../../src/media/clip-frames';
import { lectureSegments } from '../../kit/media';
import { markLadderSegment, referenceOf, type MarkedSegment } from '../../kit/marked-media';
import { reencodeSmall } from '../../../../scripts/demo-rip.mjs';

/** 20 segments: the fewest that name one of two viewers (2 codewords × 6 placements need 17 confident readings). */
const SECONDS = 140;
const SEGMENT_SECONDS = 7;

const codewordFor = (id: string, seed: string): Codeword => ({ id, bit: (seq) => codewordBit(seed, seq) });

describe('a copy ripped from the lowest video rung (234p)', function () {
  this.timeout(300_000);

  it('is traced to the viewer whose session it came from, and not the other viewer', async () => {
    const { files } = lectureSegments(SECONDS);
    const lowest: MarkedSegment[] = [];
    for (const raw of files) lowest.push((await markLadderSegment(raw, SEGMENT_SECONDS, ['r234'])).get('r234')!);
    const [leaker, other] = [newCodewordSeed(), newCodewordSeed()];
    const ripped = Buffer.concat(lowest.map((m, seq) => m[variantOf(leaker, seq)]));

    const dir = mkdtempSync(path.join(tmpdir(), 'leak-234p-'));
    try {
      const shared = path.join(dir, 'leak.mp4');
      reencodeSmall(ripped, shared);
      const clip = await decodeClipFrames(readFileSync(shared));
      const { run, spans } = referenceOf(lowest);
      const trace = traceClip(clip, run, spans, [codewordFor('leaker', leaker), codewordFor('other', other)]);
      assert.ok(trace, 'the copy is placed in the lecture');
      const { judgement } = trace;
      assert.equal(judgement.verdict, 'identified', JSON.stringify(judgement));
      if (judgement.verdict !== 'identified') return;
      assert.deepEqual(
        judgement.suspects.map((s) => s.id),
        ['leaker'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
