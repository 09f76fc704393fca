// Captions and transcripts: a recording's tracks (GET), one track's cues (the transcript panel and
// the editor), an upload of a WebVTT or SRT file, an edit of the cues, and the transcript search.
// Validated at the edge like every client.
import { createCall } from './call';
import type { ApiFetch } from './http-api';
import {
  getCaptions,
  getCaptionTrack,
  getSpeechPhrases,
  getTranscriptFile,
  getTranscripts,
  postCaptions,
  putCaptionTrack,
  putSpeechBatch,
  putSpeechPhrases,
  type CaptionCue,
  type CaptionKind,
  type CaptionTrack,
  type CaptionTrackInfo,
  type SpeechBatchMode,
  type TranscriptFile,
  type TranscriptHit,
} from './wire';

export type {
  CaptionCue,
  CaptionKind,
  CaptionTrack,
  CaptionTrackInfo,
  SpeechBatchMode,
  TranscriptFile,
  TranscriptHit,
} from './wire';

export function createCaptionsApi(apiFetch: ApiFetch) {
  const call = createCall(apiFetch);
  /** The tracks, and whether the download rules let this viewer keep the transcript. */
  const listing = (recordingId: string): Promise<{ tracks: CaptionTrackInfo[]; canDownload: boolean }> =>
    call(getCaptions, { params: { recordingId }, what: 'the caption tracks' });
  return {
    async tracks(recordingId: string): Promise<CaptionTrackInfo[]> {
      return (await listing(recordingId)).tracks;
    },
    listing,
    transcriptFile(recordingId: string, track: string, format: 'txt' | 'vtt'): Promise<TranscriptFile> {
      return call(getTranscriptFile, { params: { recordingId, track }, query: { format }, what: 'the transcript' });
    },
    track(recordingId: string, track: string): Promise<CaptionTrack> {
      return call(getCaptionTrack, { params: { recordingId, track }, what: 'a caption track' });
    },
    upload(recordingId: string, file: { lang: string; kind: CaptionKind; text: string }): Promise<CaptionTrackInfo> {
      return call(postCaptions, { params: { recordingId }, body: file, what: 'the saved captions' });
    },
    edit(recordingId: string, track: string, baseVersion: number, cues: CaptionCue[]): Promise<CaptionTrackInfo> {
      return call(putCaptionTrack, {
        params: { recordingId, track },
        body: { baseVersion, cues },
        what: 'the saved captions',
      });
    },
    /** Machine captions for the school: standard or Dynamic Batch, or off (admins). */
    async setSpeechBatch(mode: SpeechBatchMode): Promise<void> {
      await call(putSpeechBatch, { body: { mode }, read: false });
    },
    /** A course's phrase list for machine captions (admins and the meeting's teacher). */
    async phrases(meetingId: string): Promise<string[]> {
      return (await call(getSpeechPhrases, { params: { meetingId }, what: 'the phrase list' })).phrases;
    },
    async setPhrases(meetingId: string, phrases: string[]): Promise<string[]> {
      return (await call(putSpeechPhrases, { params: { meetingId }, body: { phrases }, what: 'the phrase list' }))
        .phrases;
    },
    async search(q: string, meetingId?: string): Promise<TranscriptHit[]> {
      return (await call(getTranscripts, { query: { q, meetingId }, what: 'the transcript search' })).hits;
    },
  };
}

export type CaptionsApi = ReturnType<typeof createCaptionsApi>;
