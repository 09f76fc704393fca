// Pure rules of the meeting page and the recording widget: the live timer, when Force Stop is offered, what a refusal
// means, who still has to see the consent banner, and what a meeting that cannot load says.
import { ApiError } from '../../api/http-api';
import type { LiveRecording } from '../../api/meetings-api';
import type { PushedRecordingState, RecordingStatus } from '@lecturevault/contract';

// Statuses only move forward (the server's state machine): of two reports on one recording, the later one wins.
const RANK: Record<RecordingStatus, number> = {
  starting: 0,
  recording: 1,
  stopping: 2,
  ready: 3,
  incomplete: 3,
  failed: 3,
};

/**
 * The recording to show, from the API's answer (fetched on opening; polled by controllers) and the
 * pushed document (followed by everyone), which is the authority. On one recording the further
 * status wins, so neither a late poll nor a late snapshot moves it back; without a document (a
 * meeting not recorded since pushing began) the API's answer stands.
 */
export function shownRecording(
  polled: LiveRecording | null,
  pushed: PushedRecordingState | null,
  nowMs: number,
): LiveRecording | null {
  if (!pushed) return polled;
  if (!pushed.recordingId || !pushed.status) return polled && RANK[polled.status] < 3 ? null : polled;
  if (polled?.id === pushed.recordingId && RANK[polled.status] >= RANK[pushed.status]) return polled;
  const base = polled?.id === pushed.recordingId ? polled : null;
  return {
    id: pushed.recordingId,
    status: pushed.status,
    elapsedSeconds: pushed.startedAtMs ? Math.max(0, Math.floor((nowMs - pushed.startedAtMs) / 1000)) : 0,
    stopRequestedAtMs: base?.stopRequestedAtMs ?? null,
    forceStopAvailable: false,
    reason: base?.reason ?? null,
  };
}

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
