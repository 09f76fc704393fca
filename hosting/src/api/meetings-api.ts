// The meeting page's API: the meetings a user can open, the live recording state of one, and the
// recording controls (estimate, start, stop, force stop). Responses validated at the edge.
import type { ApiFetch } from './http-api';
import { badResponse, bool, fields, list, num, numOrNull, str, strOrNull, type Fields } from './parse';

export interface MeetingSummary {
  readonly id: string;
  readonly title: string;
  readonly roomName: string;
  readonly teacherName: string;
  readonly canControl: boolean;
}

export type RecordingStatus = 'starting' | 'recording' | 'stopping' | 'ready' | 'incomplete' | 'failed';

export interface LiveRecording {
  readonly id: string;
  readonly status: RecordingStatus;
  readonly elapsedSeconds: number;
  readonly stopRequestedAtMs: number | null;
  readonly forceStopAvailable: boolean;
  readonly reason: string | null;
}

export interface Participant {
  readonly identity: string;
  readonly name: string;
}

export interface MeetingState {
  readonly meetingId: string;
  readonly title: string;
  readonly canControl: boolean;
  readonly participants: readonly Participant[];
  /** The meeting's latest recording, or null if it was never recorded. */
  readonly recording: LiveRecording | null;
}

export interface Estimate {
  readonly hours: number;
  readonly estimatedBytes: number;
  readonly freeBytes: number;
  readonly warnings: readonly string[];
}

const STATUSES: readonly string[] = ['starting', 'recording', 'stopping', 'ready', 'incomplete', 'failed'] satisfies RecordingStatus[];

/** A recording status field, refused unless it is one we know. */
export function recordingStatus(v: Fields, key: string, what: string): RecordingStatus {
  const status = str(v, key, what);
  if (!STATUSES.includes(status)) throw badResponse(what);
  return status as RecordingStatus;
}

function parseMeeting(value: unknown): MeetingSummary {
  const v = fields(value, 'a meeting');
  const what = 'a meeting';
  return { id: str(v, 'id', what), title: str(v, 'title', what), roomName: str(v, 'roomName', what), teacherName: str(v, 'teacherName', what), canControl: bool(v, 'canControl', what) };
}

function parseRecording(value: unknown): LiveRecording | null {
  if (value === null || value === undefined) return null;
  const what = 'a recording state';
  const v = fields(value, what);
  return {
    id: str(v, 'id', what),
    status: recordingStatus(v, 'status', what),
    elapsedSeconds: num(v, 'elapsedSeconds', what),
    stopRequestedAtMs: numOrNull(v, 'stopRequestedAtMs', what),
    forceStopAvailable: bool(v, 'forceStopAvailable', what),
    reason: strOrNull(v, 'reason', what),
  };
}

export function parseMeetingState(body: unknown): MeetingState {
  const what = 'a meeting state';
  const v = fields(body, what);
  return {
    meetingId: str(v, 'meetingId', what),
    title: str(v, 'title', what),
    canControl: bool(v, 'canControl', what),
    participants: list(v, 'participants', what, (p) => {
      const f = fields(p, what);
      return { identity: str(f, 'identity', what), name: str(f, 'name', what) };
    }),
    recording: parseRecording(v.recording),
  };
}

function parseEstimate(body: unknown): Estimate {
  const what = 'an estimate';
  const v = fields(body, what);
  return {
    hours: num(v, 'hours', what),
    estimatedBytes: num(v, 'estimatedBytes', what),
    freeBytes: num(v, 'freeBytes', what),
    warnings: list(v, 'warnings', what, (w) => String(w)),
  };
}

const meetingPath = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;

export function createMeetingsApi(apiFetch: ApiFetch) {
  const post = (path: string, body: unknown = {}) => apiFetch(path, { method: 'POST', body: JSON.stringify(body) });
  return {
    async listMeetings(): Promise<MeetingSummary[]> {
      return list(fields(await apiFetch('/api/meetings'), 'the meetings'), 'meetings', 'the meetings', parseMeeting);
    },
    async state(meetingId: string): Promise<MeetingState> {
      return parseMeetingState(await apiFetch(`${meetingPath(meetingId)}/recording`));
    },
    async estimate(hours: number): Promise<Estimate> {
      return parseEstimate(await apiFetch(`/api/recording-estimate?hours=${encodeURIComponent(hours)}`));
    },
    async start(meetingId: string, options: { confirmEmptyRoom: boolean; expectedHours: number }): Promise<void> {
      await post(`${meetingPath(meetingId)}/recording/start`, options);
    },
    async stop(meetingId: string): Promise<void> {
      await post(`${meetingPath(meetingId)}/recording/stop`);
    },
    async forceStop(meetingId: string): Promise<void> {
      await post(`${meetingPath(meetingId)}/recording/force-stop`);
    },
  };
}

export type MeetingsApi = ReturnType<typeof createMeetingsApi>;
