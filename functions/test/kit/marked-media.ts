// A segment marked the way ingest marks it, in memory and without the emulators: variants A and B
// and the reference of one segment (media/forensic-variants.ts), or of each rung of the ladder
// (media/ladder-variants.ts, the plan ingest would make), and the reference of a lecture laid end
// to end as the tracer loads it. Shared by the tracer's tests and benchmarks.
import { Readable } from 'node:stream';
import type { FrameRun } from '../../src/domain/forensic/forensic-align';
import type { ReferenceSpan } from '../../src/domain/forensic/forensic-decode';
import { REFERENCE_FPS, REFERENCE_FRAME_BYTES } from '../../src/domain/forensic/forensic-mark';
import { planLadder, type LadderPlan, type RungName } from '../../src/domain/playback/ladder';
import { forensicVariants } from '../../src/media/forensic-variants';
import { ladderVariants } from '../../src/media/ladder-variants';
import { probeSegment } from '../../src/media/segment-probe';

export interface MarkedSegment {
  a: Buffer;
  b: Buffer;
  /** The original's reference frames (raw gray, 64×36 at 5 fps). */
  ref: Buffer;
}

const collect = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** One segment through the ingest's own ffmpeg run: variants A and B and the reference, in memory. */
export async function markSegment(raw: Buffer, seconds: number): Promise<MarkedSegment> {
  const run = forensicVariants(Readable.from([raw]), raw.length, seconds);
  const [a, b, ref] = await Promise.all([collect(run.a), collect(run.b), collect(run.ref), run.done]);
  return { a, b, ref };
}

/** A rung of the ladder: the source rung, or a lower one by its name (`r360`, `r234`). */
export type RungChoice = 'source' | RungName;

/**
 * One segment through the ingest's ladder run (media/ladder-variants.ts, the plan ingest would make
 * of it, cut down to `rungs`; no audio-only rung): the reference, A and B of the source rung (made
 * only when asked for: half the run's work), and A and B of each lower rung asked for, in memory. A
 * rung the plan does not make is an error.
 */
export async function markLadderSegment(
  raw: Buffer,
  seconds: number,
  rungs: readonly RungChoice[],
): Promise<Map<RungChoice, MarkedSegment>> {
  const full = planLadder(await probeSegment(Readable.from([raw])), (raw.length * 8) / seconds);
  const lower = rungs.filter((r) => r !== 'source');
  const missing = lower.filter((r) => !full.rungs.some((p) => p.name === r));
  if (missing.length)
    throw new Error(`the ladder of a ${full.source.width}×${full.source.height} source has no ${missing.join(', ')}`);
  const plan: LadderPlan = {
    ...full,
    rungs: full.rungs.filter((p) => lower.includes(p.name)),
    audio: false,
    ...(rungs.includes('source') ? {} : { markedSource: false }),
  };
  const run = ladderVariants(Readable.from([raw]), plan, true, raw.length, seconds);
  const bytes = await Promise.all(run.outputs.map(({ stream }) => collect(stream)));
  await run.done;
  const out = (rung: RungChoice, part: 'a' | 'b' | 'ref') =>
    bytes[run.outputs.findIndex((o) => (o.part.rung ?? 'source') === rung && o.part.part === part)]!;
  const ref = out('source', 'ref');
  return new Map(rungs.map((rung) => [rung, { a: out(rung, 'a'), b: out(rung, 'b'), ref }]));
}

/** The recording's reference laid end to end, with each segment's span (as services/forensic/leak-trace.ts loads it). */
export function referenceOf(marked: readonly MarkedSegment[]): { run: FrameRun; spans: ReferenceSpan[] } {
  const spans: ReferenceSpan[] = [];
  let firstFrame = 0;
  for (const [seq, segment] of marked.entries()) {
    const frames = Math.floor(segment.ref.length / REFERENCE_FRAME_BYTES);
    spans.push({ seq, firstFrame, frames, marked: true });
    firstFrame += frames;
  }
  const pixels = Buffer.concat(
    marked.map((m) => m.ref.subarray(0, Math.floor(m.ref.length / REFERENCE_FRAME_BYTES) * REFERENCE_FRAME_BYTES)),
  );
  return { run: { fps: REFERENCE_FPS, startSeconds: 0, pixels: new Uint8Array(pixels) }, spans };
}
