// The caption editor's pure parts: cue times as people type them ("1:02.5", "01:02:03.250", "62.5")
// and back, and the checks the server also makes, so a mistake is named beside its cue before saving.
import type { CaptionCue } from '../../api/captions-api';

/** Milliseconds as "m:ss.mmm" (or "h:mm:ss.mmm" from an hour on). */
export function formatCueTime(ms: number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  const rest = `${pad(seconds)}.${pad(ms % 1000, 3)}`;
  return hours ? `${hours}:${pad(minutes)}:${rest}` : `${minutes}:${rest}`;
}

/** "h:mm:ss.mmm", "m:ss.mmm" or plain seconds, fractions optional; null when it is not a time. */
export function parseCueTime(text: string): number | null {
  const match = /^\s*(?:(?:(\d{1,2}):)?(\d{1,2}):)?(\d{1,5})(?:[.,](\d{1,3}))?\s*$/.exec(text);
  if (!match) return null;
  const [hours, minutes, seconds] = [Number(match[1] ?? 0), Number(match[2] ?? 0), Number(match[3])];
  if ((match[2] !== undefined && seconds > 59) || (match[1] !== undefined && minutes > 59)) return null;
  const millis = Number((match[4] ?? '0').padEnd(3, '0'));
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

export interface DraftCue {
  start: string;
  end: string;
  text: string;
}

export const draftOf = (cue: CaptionCue): DraftCue => ({
  start: formatCueTime(cue.startMs),
  end: formatCueTime(cue.endMs),
  text: cue.text,
});

/** The draft as cues, or the first problem ("Cue 3: …"). */
export function cuesOfDraft(draft: readonly DraftCue[]): { cues: CaptionCue[] } | { problem: string } {
  const cues: CaptionCue[] = [];
  for (const [i, d] of draft.entries()) {
    const startMs = parseCueTime(d.start);
    const endMs = parseCueTime(d.end);
    if (startMs === null || endMs === null) return { problem: `Cue ${i + 1}: times look like 1:02.500.` };
    if (endMs <= startMs) return { problem: `Cue ${i + 1}: it must end after it starts.` };
    cues.push({ startMs, endMs, text: d.text });
  }
  return { cues };
}
