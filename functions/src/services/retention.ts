// Deleting recordings: by an admin, or by the daily retention job. Deletion first marks the
// recording (so it stops playing and is counted out of usage exactly once), then removes objects,
// segment docs, the playlist and the key, and the recording doc last: a run cut short resumes.
import { isActive } from '../domain/recording-state';
import { isExpired } from '../domain/retention';
import { writeAudit, SYSTEM, type Actor } from '../store/audit';
import { bucket, db } from '../store/firebase';
import { deleteKeyInBatch } from '../store/keys';
import { playlistRef } from '../store/playlists';
import type { Recording } from '../store/recordings';
import { retentionDays } from '../store/settings';
import { addUsageInTransaction } from '../store/usage';

/** Removes everything of a recording; safe to call again on a partly deleted one. */
export async function deleteRecordingData(recordingId: string, actor: Actor, reason: string, nowMs = Date.now()): Promise<boolean> {
  const ref = db().doc(`recordings/${recordingId}`);
  const marked = await db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return null;
    const recording = { id: snap.id, ...snap.data() } as Recording;
    if (!recording.deletingAtMs) {
      tx.update(ref, { deletingAtMs: nowMs });
      addUsageInTransaction(tx, recording.meetingId, { bytes: -(recording.storedBytes ?? 0), seconds: -(recording.storedSeconds ?? 0) });
    }
    return recording;
  });
  if (!marked) return false;
  await bucket().deleteFiles({ prefix: `recordings/${recordingId}/` });
  await bucket().deleteFiles({ prefix: `ingest/${recordingId}/` });
  const segments = db().collection(`recordings/${recordingId}/segments`);
  for (;;) {
    const page = await segments.limit(400).get();
    if (page.empty) break;
    const batch = db().batch();
    page.docs.forEach((d) => batch.delete(d.ref));
    await batch.commit();
  }
  const batch = db().batch();
  batch.delete(playlistRef(recordingId));
  deleteKeyInBatch(batch, recordingId);
  batch.delete(ref);
  await batch.commit();
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
  const cutoff = nowMs - days * 86_400_000;
  const [byPolicy, byExpiry, interrupted] = await Promise.all([
    db().collection('recordings').where('endedAtMs', '<', cutoff).limit(batchSize).get(),
    db().collection('recordings').where('expiresAtMs', '<=', nowMs).limit(batchSize).get(),
    db().collection('recordings').where('deletingAtMs', '>', 0).limit(batchSize).get(),
  ]);
  const due = new Map<string, Recording>();
  for (const d of [...interrupted.docs, ...byPolicy.docs, ...byExpiry.docs]) due.set(d.id, { id: d.id, ...d.data() } as Recording);
  const deleted: string[] = [];
  for (const recording of [...due.values()].slice(0, batchSize)) {
    const resuming = Boolean(recording.deletingAtMs);
    if (!resuming && (isActive(recording.status) || !isExpired(recording, days, nowMs))) continue;
    if (await deleteRecordingData(recording.id, SYSTEM, `retention (${days} days)`, nowMs)) deleted.push(recording.id);
  }
  return { deleted, more: due.size >= batchSize };
}
