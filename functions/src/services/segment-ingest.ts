// The storage trigger's work: each raw segment LiveKit uploads under ingest/{recordingId}/ is
// encrypted into the recording's private path, confirmed, indexed and counted exactly once, and
// only then deleted. A step that keeps failing is retried (2, 4, 8 s), then alerted and listed as
// missing; the raw chunk is kept, so nothing is silently lost. A trigger run that died without a
// verdict (a confirm that failed, a crash) leaves its chunk behind: the sweep drives it again.
import { INGEST_RETRY_DELAYS_MS, withRetries } from '../domain/retry';
import { segmentFailureMessage } from '../domain/ingest-alerts';
import { parseIngestPath } from '../domain/ingest-path';
import { SEGMENT_SECONDS } from '../domain/playlist';
import { storageCeiling } from '../domain/recording-guards';
import * as logs from '../logs';
import { raiseAlert } from '../store/alerts';
import { deleteIngestObject, listIngestObjects } from '../store/ingest';
import { recordingKey } from '../store/keys';
import { getRecording } from '../store/recordings';
import {
  confirmSegment,
  encryptToStorage,
  isSegmentConfirmed,
  markSegmentMissing,
  segmentDocs,
} from '../store/segments';
import { storageFigures } from '../store/usage';
import { maybeFinalize } from './finalize-recording';
import { checkUsageThreshold } from './storage-usage';

export type IngestOutcome = 'confirmed' | 'duplicate' | 'missing' | 'unknown-recording' | 'ignored';

export interface IngestClock {
  nowMs: () => number;
  sleep: (ms: number) => Promise<void>;
  retryDelaysMs: readonly number[];
}

const realClock: IngestClock = {
  nowMs: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  retryDelaysMs: INGEST_RETRY_DELAYS_MS,
};

export async function ingestObject(name: string, clock: IngestClock = realClock): Promise<IngestOutcome> {
  const parsed = parseIngestPath(name);
  if (!parsed || parsed.kind !== 'segment') return 'ignored'; // playlists are read when the recording is finalized
  const { recordingId, seq } = parsed;

  if (await isSegmentConfirmed(recordingId, seq)) {
    await deleteIngestObject(name); // a redelivery after the copy was confirmed
    return 'duplicate';
  }
  const recording = await getRecording(recordingId);
  if (!recording) {
    logs.ingestForUnknownRecording(recordingId, name); // kept in place; the sweep may adopt its egress
    return 'unknown-recording';
  }

  // A concurrent delivery of the same event may confirm the segment (and delete the raw chunk)
  // while this one waits to retry: each attempt looks first, so that is never taken for a failure.
  const attempt = await withRetries(
    async () =>
      (await isSegmentConfirmed(recordingId, seq))
        ? null
        : encryptToStorage(name, recordingId, seq, await recordingKey(recordingId)),
    clock.retryDelaysMs,
    clock.sleep,
  );
  if (attempt.ok && attempt.value === null) return 'duplicate';
  if (!attempt.ok && (await isSegmentConfirmed(recordingId, seq))) return 'duplicate';
  if (!attempt.ok) {
    const reason = attempt.error.message;
    await markSegmentMissing(recordingId, seq, reason, clock.nowMs());
    const { figures } = await storageFigures();
    const message = segmentFailureMessage(
      { recordingId, meetingId: recording.meetingId, seq, attempts: attempt.attempts, reason },
      { usedBytes: figures.usedBytes, ceilingBytes: storageCeiling(figures) },
    );
    await raiseAlert({ kind: 'segment-missing', message, recordingId, meetingId: recording.meetingId }, clock.nowMs());
    logs.segmentMissing(recordingId, seq, reason);
    return 'missing';
  }
  const fresh = await confirmSegment(
    recordingId,
    recording.meetingId,
    seq,
    attempt.value!,
    SEGMENT_SECONDS,
    clock.nowMs(),
  );
  await deleteIngestObject(name);
  if (fresh) await checkUsageThreshold(clock.nowMs());
  await maybeFinalize(recordingId, clock.nowMs());
  return fresh ? 'confirmed' : 'duplicate';
}

/** A raw chunk this old is no longer waiting for its own trigger run (which takes seconds). */
export const STRANDED_AFTER_MS = 60_000;

/**
 * Drives again every raw chunk older than 60 s of a recording not yet finalized (nor being
 * deleted) that has no verdict: no segment doc, or a confirmed one (then the chunk is just
 * deleted). A chunk listed missing was alerted already and is left for the admin. Idempotent:
 * ingestObject counts a segment once however often it runs. Returns the chunks it drove.
 */
export async function redriveStrandedChunks(nowMs: number): Promise<string[]> {
  const stranded = new Map<string, { name: string; seq: number }[]>();
  for (const object of await listIngestObjects()) {
    const parsed = parseIngestPath(object.name);
    if (parsed?.kind !== 'segment' || nowMs - object.createdAtMs < STRANDED_AFTER_MS) continue;
    stranded.set(parsed.recordingId, [
      ...(stranded.get(parsed.recordingId) ?? []),
      { name: object.name, seq: parsed.seq },
    ]);
  }
  const driven: string[] = [];
  for (const [recordingId, chunks] of stranded) {
    const recording = await getRecording(recordingId);
    // Unknown: its egress may still be adopted. Finalized: its playlist is compiled, so a late
    // segment would count without playing; the ingest bucket's lifecycle rule removes the chunk.
    if (!recording || recording.finalized || recording.deletingAtMs) continue;
    const missing = new Set((await segmentDocs(recordingId)).filter((d) => d.status === 'missing').map((d) => d.seq));
    for (const chunk of chunks.filter((c) => !missing.has(c.seq))) {
      // One chunk failing again (its run throws past the retries) must not hold up the others or the sweep.
      const outcome = await ingestObject(chunk.name, { ...realClock, nowMs: () => nowMs }).catch(
        (error: unknown) => `failed: ${(error as Error).message}`,
      );
      logs.strandedChunkRedriven(recordingId, chunk.seq, outcome);
      driven.push(chunk.name);
    }
  }
  return driven;
}
