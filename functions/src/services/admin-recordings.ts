// Admin-only management of recordings: delete, per-recording expiry, the retention policy.
import { Conflict, NotFound } from '../errors';
import { isActive } from '../domain/recording-state';
import type { RetentionDays } from '../domain/retention';
import { writeAudit, type Actor } from '../store/audit';
import { getRecording, patchRecording } from '../store/recordings';
import { saveRetentionDays } from '../store/settings';
import { deleteRecordingData } from './retention';
import { requireAdmin } from './role-gates';

export async function deleteRecording(actor: Actor, recordingId: string): Promise<void> {
  await requireAdmin(actor, 'delete', recordingId);
  const recording = await getRecording(recordingId);
  if (!recording) throw new NotFound('No such recording.');
  if (isActive(recording.status)) throw new Conflict('recording-active', 'Stop the recording before deleting it.');
  await deleteRecordingData(recordingId, actor, 'deleted by an admin');
}

export async function setRecordingExpiry(actor: Actor, recordingId: string, expiresAtMs: number | null): Promise<void> {
  await requireAdmin(actor, 'set-expiry', recordingId);
  const recording = await getRecording(recordingId);
  if (!recording) throw new NotFound('No such recording.');
  await patchRecording(recordingId, { expiresAtMs });
  await writeAudit(actor, {
    action: 'set-expiry',
    outcome: 'ok',
    meetingId: recording.meetingId,
    recordingId,
    reason: expiresAtMs ? new Date(expiresAtMs).toISOString() : 'cleared',
  });
}

export async function setRetentionDays(actor: Actor, days: RetentionDays): Promise<void> {
  await requireAdmin(actor, 'set-retention');
  await saveRetentionDays(days);
  await writeAudit(actor, { action: 'set-retention', outcome: 'ok', reason: `${days} days` });
}
