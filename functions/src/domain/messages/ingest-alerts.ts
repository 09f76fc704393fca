// The admin alert for a segment that could not be stored: which recording, which segment, why,
// and — when the cause is storage itself (quota, permission) — the storage figures.
import { formatBytes } from '../recording/recording-guards';

const STORAGE_CAUSE = /quota|permission|forbidden|insufficient|\b(403|429|507)\b/i;

export function segmentFailureMessage(
  failure: { recordingId: string; meetingId: string; seq: number; attempts: number; reason: string },
  storage: { usedBytes: number; ceilingBytes: number },
): string {
  const base = `Segment ${failure.seq} of recording ${failure.recordingId} (meeting ${failure.meetingId}) could not be stored after ${failure.attempts} attempts: ${failure.reason}. The raw upload was kept.`;
  if (!STORAGE_CAUSE.test(failure.reason)) return base;
  return `${base} Storage in use: ${formatBytes(storage.usedBytes)} of ${formatBytes(storage.ceilingBytes)}.`;
}

/** The admin alert (once per recording) for segments stored without the forensic mark. */
export function markSkippedMessage(failure: {
  recordingId: string;
  meetingId: string;
  seq: number;
  reason: string;
}): string {
  return `Segment ${failure.seq} of recording ${failure.recordingId} (meeting ${failure.meetingId}) was stored without its forensic watermark: ffmpeg failed (${failure.reason}). The segment plays as usual, but a leak of it cannot be traced; later segments of this recording that fail the same way are not alerted again.`;
}

/** The admin alert (once per recording) for segments the egress cut short: stored, damaged at their end. */
export function damagedAtSourceMessage(damage: {
  recordingId: string;
  meetingId: string;
  seq: number;
  reason: string;
}): string {
  return `Segment ${damage.seq} of recording ${damage.recordingId} (meeting ${damage.meetingId}) was stored as the egress uploaded it, but ${damage.reason}. Check the egress's disk and process; later damaged segments of this recording are noted on the segment without another alert.`;
}
