// Pure rules of the meeting page and the recording widget: the live timer, when Force Stop is offered, what a refusal
// means, who still has to see the consent banner, and what a meeting that cannot load says.
import { ApiError } from '../../api/http-api';
import type { LiveRecording } from '../../api/meetings-api';

/** Force Stop is offered this long after Stop (the server enforces the same 30 s). */
export const FORCE_STOP_AFTER_MS = 30_000;

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
