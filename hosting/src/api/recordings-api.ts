// GET /api/recordings: the recordings this user may see (the server applies the access check and
// hides incomplete ones from students), newest first. Validated at the edge.
import type { ApiFetch } from './http-api';
import { recordingStatus, type RecordingStatus } from './meetings-api';
import { bool, fields, list, num, numOrNull, str, strOrNull } from './parse';

export interface RecordingSummary {
  readonly id: string;
  readonly meetingId: string;
  readonly title: string;
  readonly status: RecordingStatus;
  readonly createdAtMs: number;
  readonly durationSeconds: number;
  readonly reason: string | null;
  /** Admins only; null for everyone else. */
  readonly storedBytes: number | null;
  readonly canDownload: boolean;
  /** Admins only: when the recording will be removed (retention or its own expiry). */
  readonly expiresAtMs: number | null;
  /** Admins only: the expiry an admin set on this recording, if any. */
  readonly expiryOverrideMs: number | null;
}

export function parseRecordingSummary(value: unknown): RecordingSummary {
  const what = 'a recording';
  const v = fields(value, what);
  return {
    id: str(v, 'id', what),
    meetingId: str(v, 'meetingId', what),
    title: str(v, 'title', what),
    status: recordingStatus(v, 'status', what),
    createdAtMs: num(v, 'createdAtMs', what),
    durationSeconds: num(v, 'durationSeconds', what),
    reason: strOrNull(v, 'reason', what),
    storedBytes: numOrNull(v, 'storedBytes', what),
    canDownload: bool(v, 'canDownload', what),
    expiresAtMs: numOrNull(v, 'expiresAtMs', what),
    expiryOverrideMs: numOrNull(v, 'expiryOverrideMs', what),
  };
}

export async function listRecordings(apiFetch: ApiFetch): Promise<RecordingSummary[]> {
  return list(fields(await apiFetch('/api/recordings'), 'the recordings'), 'recordings', 'the recordings', parseRecordingSummary);
}
