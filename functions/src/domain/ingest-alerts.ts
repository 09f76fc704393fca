// The admin alert for a segment that could not be stored: which recording, which segment, why,
// and — when the cause is storage itself (quota, permission) — the storage figures.
import { formatBytes } from './recording-guards';

const STORAGE_CAUSE = /quota|permission|forbidden|insufficient|\b(403|429|507)\b/i;

export function segmentFailureMessage(
  failure: { recordingId: string; meetingId: string; seq: number; attempts: number; reason: string },
  storage: { usedBytes: number; ceilingBytes: number },
): string {
  const base = `Segment ${failure.seq} of recording ${failure.recordingId} (meeting ${failure.meetingId}) could not be stored after ${failure.attempts} attempts: ${failure.reason}. The raw upload was kept.`;
  if (!STORAGE_CAUSE.test(failure.reason)) return base;
  return `${base} Storage in use: ${formatBytes(storage.usedBytes)} of ${formatBytes(storage.ceilingBytes)}.`;
}
