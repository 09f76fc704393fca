// The caption on screen when the browser exposes no caption track for the session: a native HLS
// player that does not surface HLS subtitle renditions as text tracks (WebKitGTK's GStreamer does
// not) still gets captions, from the transcript's cues (the same track, read through the API)
// timed against the video's clock. Cue times are ms from the start of segment 0, where the
// video's time 0 is. Where the browser has the track, it times the cues itself (captions-model.ts).
import type { CaptionCue } from '@lecturevault/contract';
import { currentCueIndex } from './caption-prefs';

/** The text of the cue showing at `seconds` ('' for none): the last cue started, if it has not ended. */
export function cueTextAt(cues: readonly CaptionCue[], seconds: number): string {
  const cue = cues[currentCueIndex(cues, seconds)];
  return cue && seconds * 1000 < cue.endMs ? cue.text : '';
}
