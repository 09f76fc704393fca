// The meeting page's API: the meetings a user can open, the live recording state of one, and the
// recording controls (estimate, start, stop, force stop). Responses validated at the edge.
import type { ApiFetch } from './http-api';
import { parse } from './parse';
import {
  estimate,
  meetingList,
  meetingState,
  type Estimate,
  type MeetingState,
  type MeetingSummary,
  type ConsentBody,
  type StartBody,
} from './wire';

export type ConsentAnswer = ConsentBody['answer'];
export type { Estimate, LiveRecording, MeetingState, MeetingSummary, Participant, RecordingStatus } from './wire';

const meetingPath = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;

export function createMeetingsApi(apiFetch: ApiFetch) {
  const post = (path: string, body: unknown = {}) => apiFetch(path, { method: 'POST', body: JSON.stringify(body) });
  return {
    async listMeetings(): Promise<MeetingSummary[]> {
      return parse(meetingList, await apiFetch('/api/meetings'), 'the meetings').meetings;
    },
    async state(meetingId: string): Promise<MeetingState> {
      return parse(meetingState, await apiFetch(`${meetingPath(meetingId)}/recording`), 'a meeting state');
    },
    async estimate(hours: number): Promise<Estimate> {
      return parse(
        estimate,
        await apiFetch(`/api/recording-estimate?hours=${encodeURIComponent(hours)}`),
        'an estimate',
      );
    },
    async start(
      meetingId: string,
      { confirmEmptyRoom, expectedHours }: { confirmEmptyRoom: boolean; expectedHours: number },
    ): Promise<void> {
      await post(`${meetingPath(meetingId)}/recording/start`, { confirmEmptyRoom, expectedHours } satisfies StartBody);
    },
    async stop(meetingId: string): Promise<void> {
      await post(`${meetingPath(meetingId)}/recording/stop`);
    },
    async forceStop(meetingId: string): Promise<void> {
      await post(`${meetingPath(meetingId)}/recording/force-stop`);
    },
    /** The consent banner's answer, for the consent ledger. */
    async answerConsent(meetingId: string, recordingId: string, answer: ConsentAnswer): Promise<void> {
      await post(`${meetingPath(meetingId)}/recording/consent`, { recordingId, answer } satisfies ConsentBody);
    },
  };
}

export type MeetingsApi = ReturnType<typeof createMeetingsApi>;
