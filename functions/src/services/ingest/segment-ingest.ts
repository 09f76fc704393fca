// The storage trigger's work: each raw segment LiveKit uploads under ingest/{recordingId}/ is
// encrypted into the recording's private path, confirmed, indexed and counted exactly once, and
// only then deleted. A step that keeps failing is retried (2, 4, 8 s), then alerted and listed as
// missing; the raw chunk is kept, so nothing is silently lost. A trigger run that died without a
// verdict (a confirm that failed, a crash) leaves its chunk behind: the sweep drives it again.
// No object name is trusted (domain/ingest/ingest-limits.ts): a sequence number past 24 h, an oversized
// object, or a segment for a recording that no longer records is deleted with one admin alert per
// recording and reason; a chunk of an unknown recording is kept until the sweep gives up adopting it.
// Captured images go to the poster (poster-ingest.ts). How a segment is stored (marked or not), the
// retries and the fallback when ffmpeg keeps failing are the pipeline's (segment-pipeline.ts).
import { INGEST_RETRY_DELAYS_MS } from '../../domain/ingest/retry';
import { damagedAtSourceMessage, markSkippedMessage, segmentFailureMessage } from '../../domain/messages/ingest-alerts';
import { parseIngestPath } from '../../domain/ingest/ingest-path';
import {
  acceptsSegments,
  objectRefusal,
  refusalMessage,
  sourceDamage,
  UNCLAIMED_CHUNK_AFTER_MS,
  type IngestRefusal,
} from '../../domain/ingest/ingest-limits';
import { SEGMENT_SECONDS } from '../../domain/playback/playlist';
import { storageCeiling } from '../../domain/recording/recording-guards';
import * as logs from '../../logs';
import { raiseAlert, raiseAlertOnce } from '../../store/alerts';
import { deleteIngestObject, listIngestObjects, retryTransientStorage } from '../../store/ingest';
import { getRecording } from '../../store/recordings';
import {
  confirmSegment,
  deleteUnconfirmedObjects,
  isSegmentConfirmed,
  markSegmentMissing,
  segmentDocs,
} from '../../store/segments';
import { storageFigures } from '../../store/usage';
import { maybeFinalize } from './finalize-recording';
import { ingestPosterImage } from './poster-ingest';
import { storeSegment } from './segment-pipeline';
import { checkUsageThreshold } from '../storage/storage-usage';

export type IngestOutcome =
  'confirmed' | 'duplicate' | 'missing' | 'unknown-recording' | 'ignored' | 'refused' | 'poster';

/** An object of the ingest bucket as its event (or the sweep's listing) describes it. */
export interface IngestEventObject {
  name: string;
  /** From Cloud Storage's metadata, not from the uploader; unknown when a test drives a name alone. */
  sizeBytes?: number;
}

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

/**
 * The storage event's entry: ingestObject, tried again (after 1 and 2 s) when Storage drops a
 * connection or answers 5xx midway. The trigger does not retry (a failed event waits for the
 * sweep's minute), and ingestObject is idempotent: a run again finds what the first one did.
 */
export function ingestEventObject(object: IngestEventObject): Promise<IngestOutcome> {
  return retryTransientStorage(() => ingestObject(object), [1000, 2000]);
}

export async function ingestObject(
  object: string | IngestEventObject,
  clock: IngestClock = realClock,
): Promise<IngestOutcome> {
  const { name, sizeBytes } = typeof object === 'string' ? { name: object } : object;
  const parsed = parseIngestPath(name);
  if (!parsed) return 'ignored';
  const { recordingId } = parsed;
  const seq = parsed.kind === 'segment' ? parsed.seq : undefined;
  const early = objectRefusal({ seq, sizeBytes, image: parsed.kind === 'image' });
  if (early) return refuse(name, recordingId, early, clock.nowMs(), (await getRecording(recordingId))?.meetingId);
  if (parsed.kind === 'image') {
    const outcome = await ingestPosterImage(name, recordingId);
    if (outcome !== 'not-an-image') return outcome;
    return refuse(name, recordingId, outcome, clock.nowMs(), (await getRecording(recordingId))?.meetingId);
  }
  if (seq === undefined) return 'ignored'; // playlists are read when the recording is finalized

  if (await isSegmentConfirmed(recordingId, seq)) {
    await deleteIngestObject(name); // a redelivery after the copy was confirmed
    return 'duplicate';
  }
  const recording = await getRecording(recordingId);
  if (!recording) {
    logs.ingestForUnknownRecording(recordingId, name); // kept in place; the sweep may adopt its egress
    return 'unknown-recording';
  }
  if (!acceptsSegments(recording, clock.nowMs())) {
    // Finalized, nothing confirms this segment any more: what an earlier run of it stored goes too.
    if (recording.finalized) await deleteUnconfirmedObjects(recordingId, [seq]);
    return refuse(name, recordingId, 'not-recording', clock.nowMs(), recording.meetingId);
  }

  // An empty chunk holds no media (an egress whose disk was full closes its segment with nothing
  // in it, and still uploads and reports it): there is nothing to store or play, so the segment is
  // listed missing with that reason, and the playlist shows it as a gap instead of a broken segment.
  const verdict =
    sizeBytes === 0
      ? ({ kind: 'failed', error: new Error(EMPTY_SEGMENT), attempts: 1 } as const)
      : await storeSegment(
          {
            rawName: name,
            recordingId,
            seq,
            marked: !!recording.forensicMark,
            laddered: recording.ladder === 'full',
            rawBytes: sizeBytes,
            durationSeconds: SEGMENT_SECONDS,
          },
          clock,
        );
  if (verdict.kind === 'duplicate') return 'duplicate';
  if (verdict.kind === 'failed') {
    const reason = verdict.error.message;
    await markSegmentMissing(recordingId, seq, reason, clock.nowMs());
    const { figures } = await storageFigures();
    const message = segmentFailureMessage(
      { recordingId, meetingId: recording.meetingId, seq, attempts: verdict.attempts, reason },
      { usedBytes: figures.usedBytes, ceilingBytes: storageCeiling(figures) },
    );
    await raiseAlert({ kind: 'segment-missing', message, recordingId, meetingId: recording.meetingId }, clock.nowMs());
    logs.segmentMissing(recordingId, seq, reason);
    return 'missing';
  }
  const { meetingId } = recording;
  if (verdict.markSkipped !== undefined)
    await alertOncePerRecording(
      'forensic-mark-skipped',
      { recordingId, meetingId, seq, reason: verdict.markSkipped },
      clock.nowMs(),
    );
  const damage = sourceDamage(sizeBytes) ?? undefined;
  const confirmation = await confirmSegment(
    recordingId,
    meetingId,
    seq,
    verdict.stored,
    SEGMENT_SECONDS,
    clock.nowMs(),
    damage,
  ).catch(async (error: unknown) => {
    // A confirm that failed (a lock timeout) once the recording is finalized never succeeds: closed,
    // as if it had come after. Before, the chunk stays for the sweep's re-drive.
    const closed = (await getRecording(recordingId))?.finalized && !(await isSegmentConfirmed(recordingId, seq));
    if (closed) return 'closed' as const;
    throw error;
  });
  if (confirmation === 'closed') {
    // Finalized while this run stored it: the playlist lists it missing, so its objects go.
    await deleteUnconfirmedObjects(recordingId, [seq]);
    return refuse(name, recordingId, 'not-recording', clock.nowMs(), meetingId);
  }
  const fresh = confirmation === 'confirmed';
  if (fresh && damage) {
    logs.segmentDamagedAtSource(recordingId, seq, damage);
    await alertOncePerRecording('segment-damaged', { recordingId, meetingId, seq, reason: damage }, clock.nowMs());
  }
  await deleteIngestObject(name);
  if (fresh) await checkUsageThreshold(clock.nowMs());
  await maybeFinalize(recordingId, clock.nowMs());
  return fresh ? 'confirmed' : 'duplicate';
}

const EMPTY_SEGMENT = 'the egress uploaded an empty segment (0 bytes): it holds no media to store';

/**
 * One alert of `kind` per recording, about its first such segment: a lecture that cannot be marked
 * usually fails on every segment, and a full disk at the egress usually damages more than one.
 */
async function alertOncePerRecording(
  kind: 'forensic-mark-skipped' | 'segment-damaged',
  segment: { recordingId: string; meetingId: string; seq: number; reason: string },
  nowMs: number,
): Promise<void> {
  const message = kind === 'forensic-mark-skipped' ? markSkippedMessage(segment) : damagedAtSourceMessage(segment);
  const { recordingId, meetingId } = segment;
  await raiseAlertOnce(`${kind}_${recordingId}`, { kind, message, recordingId, meetingId }, nowMs);
}

/**
 * Deletes a refused object and tells the admins once per recording and reason (per reason alone
 * when no such recording exists: made-up ids must not fill the inbox either).
 */
async function refuse(
  name: string,
  recordingId: string,
  refusal: IngestRefusal,
  nowMs: number,
  meetingId?: string,
): Promise<'refused'> {
  await deleteIngestObject(name);
  const known = meetingId !== undefined;
  await raiseAlertOnce(
    known ? `ingest-refused_${refusal}_${recordingId}` : `ingest-refused_${refusal}`,
    {
      kind: 'ingest-refused',
      message: refusalMessage(refusal, name, recordingId),
      recordingId: known ? recordingId : undefined,
      meetingId,
    },
    nowMs,
  );
  logs.ingestObjectRefused(recordingId, name, refusal);
  return 'refused';
}

/** A raw chunk this old is no longer waiting for its own trigger run (which takes seconds). */
export const STRANDED_AFTER_MS = 60_000;

/**
 * Drives again every captured image older than 60 s (a poster run that died left it in plaintext),
 * and every raw chunk older than 60 s of a recording not being deleted that has no verdict: no
 * segment doc, or a confirmed one (then the chunk is just deleted); a finalized recording's chunk
 * is refused and deleted. A chunk listed missing was alerted already and is left for the admin. Idempotent:
 * ingestObject counts a segment once however often it runs. Returns the chunks it drove.
 */
export async function redriveStrandedChunks(nowMs: number): Promise<string[]> {
  const stranded = new Map<string, { name: string; seq: number; sizeBytes: number; createdAtMs: number }[]>();
  const images: { name: string; sizeBytes: number; index: number; recordingId: string }[] = [];
  for (const object of await listIngestObjects()) {
    const parsed = parseIngestPath(object.name);
    if (!parsed || nowMs - object.createdAtMs < STRANDED_AFTER_MS) continue;
    if (parsed.kind === 'image') images.push({ ...object, index: parsed.index, recordingId: parsed.recordingId });
    if (parsed.kind !== 'segment') continue;
    stranded.set(parsed.recordingId, [...(stranded.get(parsed.recordingId) ?? []), { ...object, seq: parsed.seq }]);
  }
  const driven: string[] = [];
  // A captured image whose run died is a plaintext picture of the lecture: driven again, it
  // becomes the poster or is deleted, whatever state its recording is in (poster-ingest.ts).
  for (const image of images) {
    const outcome = await ingestObject(image, { ...realClock, nowMs: () => nowMs }).catch(
      (error: unknown) => `failed: ${(error as Error).message}`,
    );
    logs.strandedImageRedriven(image.recordingId, image.index, outcome);
    driven.push(image.name);
  }
  for (const [recordingId, chunks] of stranded) {
    const recording = await getRecording(recordingId);
    if (!recording) {
      // Unknown: its egress may still be adopted, for a while; then it is a stray object.
      for (const chunk of chunks.filter((c) => nowMs - c.createdAtMs >= UNCLAIMED_CHUNK_AFTER_MS))
        await refuse(chunk.name, recordingId, 'unknown-recording', nowMs);
      continue;
    }
    // Being deleted: the deletion removes its chunks. Finalized: driven again all the same, ingest
    // refuses the late chunk (its playlist is compiled) and deletes it, as the run that died would
    // have; left to the bucket's 1-day lifecycle rule it stayed a plaintext copy that long.
    if (recording.deletingAtMs) continue;
    const missing = new Set((await segmentDocs(recordingId)).filter((d) => d.status === 'missing').map((d) => d.seq));
    for (const chunk of chunks.filter((c) => !missing.has(c.seq))) {
      // One chunk failing again (its run throws past the retries) must not hold up the others or the sweep.
      const outcome = await ingestObject(chunk, { ...realClock, nowMs: () => nowMs }).catch(
        (error: unknown) => `failed: ${(error as Error).message}`,
      );
      logs.strandedChunkRedriven(recordingId, chunk.seq, outcome);
      driven.push(chunk.name);
    }
  }
  return driven;
}
