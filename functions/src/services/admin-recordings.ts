// Admin-only management of recordings: delete, per-recording expiry, the retention policy.
import { Conflict, Forbidden, NotFound } from '../errors';
import { isActive } from '../domain/recording-state';
import type { RetentionDays } from '../domain/retention';
import { writeAudit, type Actor } from '../store/audit';
import { getRecording, patchRecording } from '../store/recordings';
import { saveBackgroundPause, saveRetentionDays } from '../store/settings';
import type { BackgroundPause } from '../domain/background-pause';
import { getUserProfile } from '../store/users';
import { deleteRecordingData } from './retention';

export async function requireAdmin(actor: Actor, action: string, recordingId?: string): Promise<void> {
  const user = await getUserProfile(actor.uid);
  if (user?.role !== 'admin') {
    await writeAudit(actor, { action, outcome: 'denied', recordingId, reason: 'not-admin' });
    throw new Forbidden('Only an admin can do this.');
  }
}

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

export async function setBackgroundPause(actor: Actor, policy: BackgroundPause): Promise<void> {
  await requireAdmin(actor, 'set-background-pause');
  await saveBackgroundPause(policy);
  await writeAudit(actor, { action: 'set-background-pause', outcome: 'ok', reason: policy });
}

export async function setRetentionDays(actor: Actor, days: RetentionDays): Promise<void> {
  await requireAdmin(actor, 'set-retention');
  await saveRetentionDays(days);
  await writeAudit(actor, { action: 'set-retention', outcome: 'ok', reason: `${days} days` });
}
