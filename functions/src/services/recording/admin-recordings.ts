// Admin-only management of recordings: delete, per-recording expiry, the retention policy.
import type { Caller } from '../../domain/access/caller';
import { Conflict, NotFound } from '../../errors';
import { isActive } from '../../domain/recording/recording-state';
import type { RetentionDays } from '../../domain/recording/retention';
import { writeAudit } from '../../store/audit-writer';
import { getRecording, patchRecording } from '../../store/recordings';
import {
  retentionDays,
  saveBackgroundPause,
  saveForensicWatermark,
  saveLadder,
  saveRetentionDays,
} from '../../store/settings';
import type { LadderSetting } from '../../domain/playback/ladder';
import type { BackgroundPause } from '../../domain/playback/background-pause';
import { deleteRecordingData } from './retention';
import { requireAdmin } from '../access/role-gates';
import { cutRefusedSessions, cutSessionsOfExpired } from '../playback/session-control';

export async function deleteRecording(actor: Caller, recordingId: string): Promise<void> {
  await requireAdmin(actor, 'delete', recordingId);
  const recording = await getRecording(recordingId);
  if (!recording) throw new NotFound('No such recording.');
  if (isActive(recording.status)) throw new Conflict('recording-active', 'Stop the recording before deleting it.');
  await deleteRecordingData(recordingId, actor, 'deleted by an admin');
}

/** An expiry in the past ends the students' open sessions of the recording at once. */
export async function setRecordingExpiry(
  actor: Caller,
  recordingId: string,
  expiresAtMs: number | null,
  nowMs = Date.now(),
): Promise<void> {
  await requireAdmin(actor, 'set-expiry', recordingId);
  const recording = await getRecording(recordingId);
  if (!recording) throw new NotFound('No such recording.');
  await patchRecording(recordingId, { expiresAtMs });
  const cut = expiresAtMs !== null && expiresAtMs <= nowMs ? await cutRefusedSessions({ recordingId }, nowMs) : 0;
  await writeAudit(
    actor,
    {
      action: 'set-expiry',
      outcome: 'ok',
      meetingId: recording.meetingId,
      recordingId,
      reason: (expiresAtMs ? new Date(expiresAtMs).toISOString() : 'cleared') + (cut ? `; ${cut} session(s) cut` : ''),
    },
    nowMs,
  );
}

export async function setBackgroundPause(actor: Caller, policy: BackgroundPause): Promise<void> {
  await requireAdmin(actor, 'set-background-pause');
  await saveBackgroundPause(policy);
  await writeAudit(actor, { action: 'set-background-pause', outcome: 'ok', reason: policy });
}

/** The forensic watermark of recordings started from now on (those already stored keep theirs). */
export async function setForensicWatermark(actor: Caller, enabled: boolean): Promise<void> {
  await requireAdmin(actor, 'set-forensic-watermark');
  await saveForensicWatermark(enabled);
  await writeAudit(actor, { action: 'set-forensic-watermark', outcome: 'ok', reason: enabled ? 'on' : 'off' });
}

/** The adaptive ladder of recordings started from now on (those already stored keep theirs). */
export async function setLadder(actor: Caller, ladder: LadderSetting): Promise<void> {
  await requireAdmin(actor, 'set-ladder');
  await saveLadder(ladder);
  await writeAudit(actor, { action: 'set-ladder', outcome: 'ok', reason: ladder });
}

/** A shorter policy ends the open sessions of the recordings it has made expired, at once. */
export async function setRetentionDays(actor: Caller, days: RetentionDays, nowMs = Date.now()): Promise<void> {
  await requireAdmin(actor, 'set-retention');
  const before = await retentionDays();
  await saveRetentionDays(days);
  const cut = days < before ? await cutSessionsOfExpired(days, nowMs) : 0;
  await writeAudit(
    actor,
    { action: 'set-retention', outcome: 'ok', reason: `${days} days${cut ? `; ${cut} session(s) cut` : ''}` },
    nowMs,
  );
}
