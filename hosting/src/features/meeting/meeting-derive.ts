// Pure rules of the meeting page and the recording widget: the timer, when Force Stop is offered, what a refusal means,
// and who still has to see the consent banner.
import { ApiError } from '../../api/http-api';
import type { LiveRecording, RecordingStatus } from '../../api/meetings-api';

/** Force Stop is offered this long after Stop (the server enforces the same 30 s). */
export const FORCE_STOP_AFTER_MS = 30_000;

export function isLive(status: RecordingStatus): boolean {
  return status === 'starting' || status === 'recording' || status === 'stopping';
}

/** 75 → "01:15"; 3725 → "1:02:05". */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Seconds on the red timer: the server's figure at the last poll, advanced by the local clock. */
export function liveElapsedSeconds(recording: LiveRecording, polledAtMs: number, nowMs: number): number {
  if (recording.status !== 'recording') return recording.elapsedSeconds;
  return recording.elapsedSeconds + Math.max(0, Math.floor((nowMs - polledAtMs) / 1000));
}

/** The server says so, or we have watched it stay in "stopping" for 30 s on our own clock. */
export function forceStopOffered(recording: LiveRecording, stoppingSeenAtMs: number | null, nowMs: number): boolean {
  if (recording.status !== 'stopping') return false;
  return recording.forceStopAvailable || (stoppingSeenAtMs !== null && nowMs - stoppingSeenAtMs >= FORCE_STOP_AFTER_MS);
}

export type StartRefusal =
  { readonly kind: 'confirm-empty-room' } | { readonly kind: 'message'; readonly text: string };

export function describeStartRefusal(error: unknown): StartRefusal {
  // The server's messages are written for people ("A recording is already in progress.").
  if (error instanceof ApiError) {
    return error.code === 'empty-room' ? { kind: 'confirm-empty-room' } : { kind: 'message', text: error.message };
  }
  return { kind: 'message', text: 'Something went wrong. Please try again.' };
}

const REASONS: Readonly<Record<string, string>> = {
  'too-short': 'stopped before 10 s',
  'force-stopped': 'force-stopped',
  'egress-failed': 'the recording engine crashed',
  'egress-lost': 'the recording engine restarted',
  'limit-reached': 'the length limit was reached',
  'upload-gap': 'some segments are missing',
  aborted: 'stopped before recording began',
};

export function reasonLabel(reason: string | null): string | null {
  return reason ? (REASONS[reason] ?? reason.replace(/-/g, ' ')) : null;
}

const STATUS_LABELS: Readonly<Record<RecordingStatus, string>> = {
  starting: 'Starting…',
  recording: 'Recording',
  stopping: 'Stopping…',
  ready: 'Ready',
  incomplete: 'Incomplete',
  failed: 'Failed',
};

export function statusLabel(status: RecordingStatus, reason: string | null): string {
  const why = status === 'incomplete' || status === 'failed' ? reasonLabel(reason) : null;
  return why ? `${STATUS_LABELS[status]} (${why})` : STATUS_LABELS[status];
}

/** The banner shows once per recording, to everyone in the room, until they choose. */
export function consentNeeded(recording: LiveRecording | null, acknowledged: ReadonlySet<string>): boolean {
  return (
    recording !== null &&
    (recording.status === 'starting' || recording.status === 'recording') &&
    !acknowledged.has(recording.id)
  );
}

/** The heading when a meeting's state cannot be loaded at all (the page and the widget alike). */
export function meetingErrorTitle(status: number): string {
  if (status === 404) return 'Meeting not found';
  if (status === 403) return 'Not available';
  return 'Could not open the meeting';
}

/** Worth a "Try again": the network or our side failed, not the request itself. */
export function meetingErrorRetryable(status: number): boolean {
  return status === 0 || status >= 500;
}
