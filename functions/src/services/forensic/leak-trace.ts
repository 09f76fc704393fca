// "Trace a leak" (docs/forensic-watermark.md): a clip that surfaced somewhere is decoded, matched by
// content against the marked recordings, aligned (start, crop), read one bit per segment and
// decoded against every codeword issued for that recording. A viewer is named only when chance
// could not explain the match (domain/forensic/forensic-decode.ts); otherwise the answer is "not enough
// footage" or "unknown". Admins only; every trace is audited, naming the marks it found.
import type { Caller } from '../../domain/access/caller';
import { pipeline } from 'node:stream/promises';
import { frameCount, type FrameRun, type TimeMatch } from '../../domain/forensic/forensic-align';
import { REFERENCE_FPS, REFERENCE_FRAME_BYTES, codewordBit } from '../../domain/forensic/forensic-mark';
import {
  contentPlacements,
  traceClip,
  type ClipTrace,
  type ReferenceSpan,
} from '../../domain/forensic/forensic-decode';
import { segmentDecipher } from '../../domain/keys/segment-crypto';
import { DomainError, NotFound, PayloadTooLarge, UnsupportedMediaType } from '../../errors';
import { decodeClipFrames, UnreadableClip } from '../../media/clip-frames';
import { writeAudit } from '../../store/audit-writer';
import { marksOf, type ForensicMark } from '../../store/forensic-marks';
import { getMeeting } from '../../store/meetings';
import { latestRecordings, getRecording, type Recording } from '../../store/recordings';
import { recordingKey } from '../../store/keys';
import { openReference, segmentDocs } from '../../store/segments';
import type { TraceReport } from '@lecturevault/contract';

/** Without a recording named, the newest marked recordings are searched, at most this many. */
export const MAX_SEARCHED_RECORDINGS = 20;
const REFERENCE_READS_AT_ONCE = 16;
/**
 * Searching stops starting new recordings this long after the trace began (the clip's decode
 * included, itself held to 20 s: media/clip-frames.ts): Hosting's proxy ends a function's answer
 * at 60 s whatever the function's own timeout (docs/production.md), and the trace itself still has
 * to run. A trace of a named recording is never cut short by it.
 */
const SEARCH_BUDGET_MS = 35_000;

/** A clip the tracer will not decode, in our words: 415 for what is not a video we read, 413 for too much of one. */
function clipRefused(error: UnreadableClip): DomainError {
  const message = `The file is ${error.message}.`;
  return error.reason === 'not-a-video' || error.reason === 'no-video'
    ? new UnsupportedMediaType(message)
    : new PayloadTooLarge(message);
}

interface Reference {
  recording: Recording;
  run: FrameRun;
  spans: ReferenceSpan[];
}

export async function traceLeak(
  actor: Caller,
  clip: Buffer,
  options: { recordingId?: string },
  nowMs = Date.now(),
): Promise<TraceReport> {
  const startedMs = Date.now();
  const frames = await decodeClipFrames(clip).catch((error: unknown) => {
    throw error instanceof UnreadableClip ? clipRefused(error) : error;
  });
  const clipSeconds = Math.round((frameCount(frames) / frames.fps) * 10) / 10;
  // One recording's reference in memory at a time while searching (an hour is ~41 MB); only
  // those the clip's content matches are kept for the trace.
  const matched: { reference: Reference; placements: TimeMatch[] }[] = [];
  const candidates = await candidateRecordings(options.recordingId);
  const searchEnds = startedMs + SEARCH_BUDGET_MS;
  let searched = 0;
  for (const recording of candidates) {
    if (searched > 0 && Date.now() > searchEnds) break;
    searched++;
    const reference = await loadReference(recording);
    const placements = contentPlacements(frames, reference.run);
    if (placements.length > 0) matched.push({ reference, placements });
  }
  // Every placement on every matching recording is one hypothesis of the false-match bound.
  const total = matched.reduce((sum, m) => sum + m.placements.length, 0);
  let best: { reference: Reference; trace: ClipTrace; marks: ForensicMark[] } | null = null;
  for (const { reference, placements } of matched) {
    const marks = await marksOf(reference.recording.id);
    const codewords = marks.map((m) => ({ id: m.markId, bit: (seq: number) => codewordBit(m.codewordSeed, seq) }));
    const others = total - placements.length;
    const trace = traceClip(frames, reference.run, reference.spans, codewords, others, placements);
    if (trace && (!best || rank(trace) > rank(best.trace))) best = { reference, trace, marks };
  }
  const report = await reportOf(best, clipSeconds, { searched, of: candidates.length });
  await writeAudit(
    actor,
    {
      action: 'trace',
      outcome: 'ok',
      recordingId: report.recordingId,
      reason: `${report.verdict}; ${report.segmentsRead} segment(s) read of a ${clipSeconds} s clip${report.suspects.length ? `; named ${report.suspects.map((s) => auditMark(s.markId)).join(', ')}` : ''}`,
    },
    nowMs,
  );
  return report;
}

/**
 * The short form of a mark in the audit: a session's first 6 characters, as the watch entry that
 * opened it shows them (so the two can be matched), a download's with its dl_ prefix. The full id
 * of a live session stays out of the log.
 */
const auditMark = (markId: string): string => markId.slice(0, markId.startsWith('dl_') ? 9 : 6);

/** A naming beats a "not enough" which beats an "unknown"; then the better content match. */
const rank = (t: ClipTrace) =>
  ({ identified: 2, 'not-enough-footage': 1, unknown: 0 })[t.judgement.verdict] * 10 + t.placement.score;

async function candidateRecordings(recordingId?: string): Promise<Recording[]> {
  if (recordingId !== undefined) {
    const recording = await getRecording(recordingId);
    if (!recording?.forensicMark) throw new NotFound('No marked recording has that id.');
    return [recording];
  }
  return (await latestRecordings(MAX_SEARCHED_RECORDINGS * 3))
    .filter((r) => r.forensicMark && r.finalized)
    .slice(0, MAX_SEARCHED_RECORDINGS);
}

/** The recording's reference frames laid end to end; an unmarked segment keeps its time as blank frames. */
async function loadReference(recording: Recording): Promise<Reference> {
  const segments = (await segmentDocs(recording.id)).filter((s) => s.status === 'confirmed');
  const key = await recordingKey(recording.id);
  const parts: (Buffer | null)[] = [];
  // A few reads at a time: an hour is 514 objects.
  for (let i = 0; i < segments.length; i += REFERENCE_READS_AT_ONCE)
    parts.push(
      ...(await Promise.all(
        segments
          .slice(i, i + REFERENCE_READS_AT_ONCE)
          .map((s) => (s.mark === 'ab' ? referenceFrames(recording.id, s.seq, key) : null)),
      )),
    );
  const spans: ReferenceSpan[] = [];
  const chunks: Buffer[] = [];
  let firstFrame = 0;
  for (const [i, segment] of segments.entries()) {
    const part = parts[i];
    const frames = part
      ? Math.floor(part.length / REFERENCE_FRAME_BYTES)
      : Math.round((segment.durationSeconds ?? 0) * REFERENCE_FPS);
    chunks.push(part ? part.subarray(0, frames * REFERENCE_FRAME_BYTES) : Buffer.alloc(frames * REFERENCE_FRAME_BYTES));
    spans.push({ seq: segment.seq, firstFrame, frames, marked: part !== null });
    firstFrame += frames;
  }
  const pixels = Buffer.concat(chunks);
  return { recording, spans, run: { fps: REFERENCE_FPS, startSeconds: 0, pixels: new Uint8Array(pixels) } };
}

/** A segment's reference frames, decrypted (about 80 KB). */
async function referenceFrames(recordingId: string, seq: number, key: Buffer): Promise<Buffer | null> {
  const sealed = await openReference(recordingId, seq);
  if (!sealed) return null;
  const chunks: Buffer[] = [];
  await pipeline(sealed, segmentDecipher(key, seq), async (plain: AsyncIterable<Buffer>) => {
    for await (const chunk of plain) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

async function reportOf(
  best: { reference: Reference; trace: ClipTrace; marks: ForensicMark[] } | null,
  clipSeconds: number,
  search: { searched: number; of: number },
): Promise<TraceReport> {
  if (!best)
    return {
      verdict: 'unknown',
      message:
        search.searched < search.of
          ? `This clip matches none of the ${search.searched} newest marked recordings searched in the time a request may take (of ${search.of}): pick its recording to search that one alone.`
          : 'This clip matches no marked recording: it is not from LectureVault, or from a recording made without the mark.',
      clipSeconds,
      segmentsRead: 0,
      suspects: [],
    };
  const { reference, trace, marks } = best;
  const title = (await getMeeting(reference.recording.meetingId))?.title;
  const seqs = trace.readings.map((r) => r.seq);
  // Which segments the clip shows is known only once the bits confirm its placement: content
  // alone may have put a short clip at a look-alike moment (a repeating picture, a static slide).
  const placed = trace.judgement.verdict === 'identified' && seqs.length > 0;
  const base = {
    recordingId: reference.recording.id,
    title,
    clipSeconds,
    segmentsRead: trace.readings.length,
    firstSeq: placed ? Math.min(...seqs) : undefined,
    lastSeq: placed ? Math.max(...seqs) : undefined,
  };
  const j = trace.judgement;
  if (j.verdict === 'not-enough-footage') {
    const more = Math.ceil(((j.needed - j.confident) * 7) / 10) * 10;
    return {
      ...base,
      verdict: j.verdict,
      message: `Not enough footage: ${j.confident} segment(s) could be read clearly, and naming a viewer safely takes ${j.needed} (about ${more} s more of this recording).`,
      suspects: [],
    };
  }
  if (j.verdict === 'unknown')
    return {
      ...base,
      verdict: j.verdict,
      message: `The clip is from this recording, but no viewer's copy fits it well enough to name anyone (${j.confident} segments read; best ${j.best ? `${j.best.matched} of ${j.best.of}` : 'none'}).`,
      suspects: [],
    };
  const byId = new Map(marks.map((m) => [m.markId, m]));
  const suspects = j.suspects.flatMap((s) => {
    const mark = byId.get(s.id);
    return mark
      ? [
          {
            markId: mark.markId,
            kind: mark.kind,
            uid: mark.uid,
            name: mark.name,
            email: mark.email,
            startedAtMs: mark.createdAtMs,
            ip: mark.ip,
            matched: s.matched,
            of: s.of,
            falseMatchChance: s.falseMatchChance,
          },
        ]
      : [];
  });
  const who = suspects.map((s) => s.name).join(' and ');
  return {
    ...base,
    verdict: 'identified',
    message:
      suspects.length > 1
        ? `This copy mixes the sessions of ${who}: each matches far beyond chance.`
        : `This copy was made through ${who}'s ${suspects[0]!.kind === 'download' ? 'download' : 'playback session'}.`,
    suspects,
  };
}
