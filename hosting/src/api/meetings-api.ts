// The meeting page's API: the meetings a user can open, the live recording state of one, and the
// recording controls (estimate, start, stop, force stop). Responses validated at the edge.
import { createCall } from './call';
import type { ApiFetch } from './http-api';
import {
  getMeetings,
  getRecordingEstimate,
  getRecordingState,
  postConsent,
  postForceStop,
  postStart,
  postStop,
  type ConsentAnswer,
  type Estimate,
  type MeetingState,
  type MeetingSummary,
} from './wire';

export type {
  ConsentAnswer,
  Estimate,
  LiveRecording,
  MeetingState,
  MeetingSummary,
  Participant,
  RecordingStatus,
} from './wire';

export function createMeetingsApi(apiFetch: ApiFetch) {
  const call = createCall(apiFetch);
  return {
    async listMeetings(): Promise<MeetingSummary[]> {
      return (await call(getMeetings, { what: 'the meetings' })).meetings;
    },
    async state(meetingId: string): Promise<MeetingState> {
      return call(getRecordingState, { params: { meetingId }, what: 'a meeting state' });
    },
    async estimate(hours: number): Promise<Estimate> {
      return call(getRecordingEstimate, { query: { hours }, what: 'an estimate' });
    },
    async start(
      meetingId: string,
      { confirmEmptyRoom, expectedHours }: { confirmEmptyRoom: boolean; expectedHours: number },
    ): Promise<void> {
      await call(postStart, { params: { meetingId }, body: { confirmEmptyRoom, expectedHours }, read: false });
    },
    async stop(meetingId: string): Promise<void> {
      await call(postStop, { params: { meetingId }, read: false });
    },
    async forceStop(meetingId: string): Promise<void> {
      await call(postForceStop, { params: { meetingId }, read: false });
    },
    /** The consent banner's answer, for the consent ledger. */
    async answerConsent(meetingId: string, recordingId: string, answer: ConsentAnswer): Promise<void> {
      await call(postConsent, { params: { meetingId }, body: { recordingId, answer } });
    },
  };
}

export type MeetingsApi = ReturnType<typeof createMeetingsApi>;
