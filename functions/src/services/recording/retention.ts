// Deleting recordings: by an admin, or by the daily retention job. Deletion first marks the
// recording (so it stops playing and is counted out of usage exactly once), then removes objects,
// segment docs, the playlist and the key, and the recording doc last: a run cut short resumes.
import { type Caller, SYSTEM } from '../../domain/access/caller';
import { isActive } from '../../domain/recording/recording-state';
import { isExpired } from '../../domain/recording/retention';
import { writeAudit } from '../../store/audit-writer';
import { deleteIngestObjects } from '../../store/ingest';
import { deleteRecordingDocs, markRecordingDeleting } from '../../store/recording-deletion';
import { deletionCandidates } from '../../store/recordings';
import { deleteSegmentDocs, deleteSegmentObjects } from '../../store/segments';
import { retentionDays } from '../../store/settings';

/** Removes everything of a recording; safe to call again on a partly deleted one. */
export async function deleteRecordingData(
  recordingId: string,
  actor: Caller,
  reason: string,
  nowMs = Date.now(),
): Promise<boolean> {
  const marked = await markRecordingDeleting(recordingId, nowMs);
  if (!marked) return false;
  await deleteSegmentObjects(recordingId);
  await deleteIngestObjects(recordingId);
  await deleteSegmentDocs(recordingId);
  await deleteRecordingDocs(recordingId);
  await writeAudit(actor, { action: 'delete', outcome: 'ok', meetingId: marked.meetingId, recordingId, reason }, nowMs);
  return true;
}

export interface RetentionReport {
  deleted: string[];
  /** True when the job stopped at its batch limit: the next run continues. */
  more: boolean;
}

/** The daily job: deletes expired recordings, a batch at a time (resumable, idempotent). */
export async function enforceRetention(nowMs = Date.now(), batchSize = 50): Promise<RetentionReport> {
  const days = await retentionDays();
  const due = await deletionCandidates(nowMs - days * 86_400_000, nowMs, batchSize);
  const deleted: string[] = [];
  for (const recording of due.slice(0, batchSize)) {
    const resuming = Boolean(recording.deletingAtMs);
    if (!resuming && (isActive(recording.status) || !isExpired(recording, days, nowMs))) continue;
    if (await deleteRecordingData(recording.id, SYSTEM, `retention (${days} days)`, nowMs)) deleted.push(recording.id);
  }
  return { deleted, more: due.length >= batchSize };
}
