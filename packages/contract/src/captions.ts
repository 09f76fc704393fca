// Captions on the wire and in storage, and the machine captions' settings: one cue is a stretch of
// the recording's timeline (from the start of its first stored segment) and the text shown over it.
import * as z from 'zod/mini';

export interface CaptionCue {
  startMs: number;
  endMs: number;
  /** One or two lines, joined by "\n". */
  text: string;
}

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
