// Captions on the wire and in storage: one cue is a stretch of the recording's timeline (from the
// start of its first stored segment) and the text shown over it.
export interface CaptionCue {
  startMs: number;
  endMs: number;
  /** One or two lines, joined by "\n". */
  text: string;
}
