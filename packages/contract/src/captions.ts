// Captions on the wire: a cue, a caption track as the player and the editor read it, an upload
// (WebVTT or SRT text), an edit (the whole cue list, with the version it was based on) and a
// transcript search's moments. The limits are here so the form and the server agree on them.
import * as z from 'zod/mini';

/** One cue: milliseconds from the start of the recording's first segment, and plain text. */
export const captionCue = z.object({
  startMs: z.number().check(z.int(), z.minimum(0)),
  endMs: z.number().check(z.int(), z.minimum(0)),
  text: z.string(),
});
export type CaptionCue = z.infer<typeof captionCue>;

/** The largest caption file an upload takes (a 3 h lecture's WebVTT is about 250 KB). */
export const MAX_CAPTION_BYTES = 512 * 1024;
/** The most cues a track holds (a cue every 3 s for 8 h). */
export const MAX_CAPTION_CUES = 10_000;
/** The longest text of one cue, in characters. */
export const MAX_CUE_CHARS = 500;
/** The latest a cue may end: a day, as the longest recording. */
export const MAX_CUE_END_MS = 24 * 3600_000;

export const CAPTION_KINDS = ['captions', 'descriptions'] as const;
export type CaptionKind = (typeof CAPTION_KINDS)[number];
export const CAPTION_SOURCES = ['machine', 'upload', 'edited'] as const;
export const CAPTION_STATUSES = ['machine', 'reviewed'] as const;

/** A BCP 47 language tag as we take it: "en", "de", "pt-BR", "zh-Hant". */
export const captionLang = z
  .string()
  .check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'lang must be a language tag such as en or pt-BR'));
export const captionKind = z._default(z.enum(CAPTION_KINDS, 'kind must be captions or descriptions'), 'captions');

/** A track as listed: what the player's menu and the editor show. */
export const captionTrackInfo = z.object({
  lang: z.string(),
  kind: z.enum(CAPTION_KINDS),
  source: z.enum(CAPTION_SOURCES),
  status: z.enum(CAPTION_STATUSES),
  version: z.number(),
  updatedAtMs: z.number(),
  cueCount: z.number(),
});
export type CaptionTrackInfo = z.infer<typeof captionTrackInfo>;
export const captionTrackList = z.object({
  tracks: z.array(captionTrackInfo),
  /** Whether the caller may download the transcript (the download rules: admins, the teacher where allowed). */
  canDownload: z._default(z.boolean(), false),
});
/** One track with its cues (the transcript panel, the editor). */
export const captionTrack = z.object({ ...captionTrackInfo.shape, cues: z.array(captionCue) });
export type CaptionTrack = z.infer<typeof captionTrack>;

/** GET /api/recordings/:id/captions/:track/transcript?format=txt|vtt: the track as a file to keep. */
export const transcriptFileQuery = z.object({
  format: z._default(z.enum(['txt', 'vtt'], 'format must be txt or vtt'), 'txt'),
});
export const transcriptFile = z.object({ fileName: z.string(), contentType: z.string(), text: z.string() });
export type TranscriptFile = z.infer<typeof transcriptFile>;

/** POST /api/recordings/:id/captions: a WebVTT or SRT file's text. */
export const captionUploadBody = z.strictObject({
  lang: captionLang,
  kind: captionKind,
  text: z.string().check(z.maxLength(MAX_CAPTION_BYTES, 'the file is larger than 512 KB')),
});
/** PUT /api/recordings/:id/captions/:track: the edited cues, and the version they were read at. */
export const captionEditBody = z.strictObject({
  baseVersion: z.number().check(z.int(), z.minimum(1)),
  cues: z.array(captionCue).check(z.maxLength(MAX_CAPTION_CUES, 'too many cues')),
});

/** GET /api/transcripts?q=…: the moments where the words were said, in recordings the caller may watch. */
export const transcriptQuery = z.object({
  q: z.string().check(z.minLength(1, 'type a word to search for'), z.maxLength(100, 'at most 100 characters')),
  meetingId: z.optional(z.string().check(z.maxLength(128))),
});
export const transcriptHit = z.object({
  recordingId: z.string(),
  title: z.string(),
  meetingId: z.string(),
  moments: z.array(z.object({ startMs: z.number(), text: z.string() })),
});
export const transcriptResults = z.object({ hits: z.array(transcriptHit) });
export type TranscriptHit = z.infer<typeof transcriptHit>;

/**
 * Machine captions at once (standard), within 24 h at the Dynamic Batch price, or not at all (a school
 * that captions by hand, or may not send lecture audio to Google): an admin setting.
 */
export const SPEECH_BATCH_MODES = ['standard', 'dynamic', 'off'] as const;
export type SpeechBatchMode = (typeof SPEECH_BATCH_MODES)[number];

/** A course's phrase list for recognition (drug names, eponyms): inline phrase-set limits we keep under. */
export const MAX_SPEECH_PHRASES = 500;
export const MAX_SPEECH_PHRASE_CHARS = 100;

/** PUT /api/settings/speech-batch. */
export const speechBatchBody = z.object({ mode: z.enum(SPEECH_BATCH_MODES, 'must be standard, dynamic or off') });
export const speechBatchReply = z.object({ speechBatch: z.enum(SPEECH_BATCH_MODES) });

/** PUT /api/meetings/:meetingId/speech-phrases: the whole list, replacing the old one. */
export const speechPhrasesBody = z.object({
  phrases: z
    .array(
      z
        .string('each phrase must be text')
        .check(
          z.trim(),
          z.minLength(1, 'a phrase may not be empty'),
          z.maxLength(MAX_SPEECH_PHRASE_CHARS, `at most ${MAX_SPEECH_PHRASE_CHARS} characters a phrase`),
        ),
      'must be a list of phrases',
    )
    .check(z.maxLength(MAX_SPEECH_PHRASES, `at most ${MAX_SPEECH_PHRASES} phrases`)),
});
export const speechPhrasesReply = z.object({ phrases: z.array(z.string()) });
