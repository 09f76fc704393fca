// Machine captions from recognised words: which words share a cue, how a cue's text is split into
// lines, and when it shows. The rules are the common broadcast/WCAG caption practice (BBC and
// Netflix timed-text guides): at most two lines of 42 characters, at most about 7 s on screen, a new
// cue at a pause or a sentence end, and lines balanced so the eye does not jump.
import type { CaptionCue } from '@lecturevault/contract';

/** One recognised word on the recording's timeline (ms from the start of its first segment). */
export interface TimedWord {
  text: string;
  startMs: number;
  endMs: number;
}

export const CAPTION_LINE_CHARS = 42;
export const CAPTION_MAX_LINES = 2;
export const CAPTION_MAX_MS = 7_000;
/** Silence this long between two words ends the cue: the speaker paused. */
export const CAPTION_PAUSE_MS = 700;
/** A cue stays up at least this long (when the next one does not start sooner), so it can be read. */
export const CAPTION_MIN_MS = 1_000;

const SENTENCE_END = /[.?!…]["')\]]?$/;
const CLAUSE_END = /[,;:]["')\]]?$/;

/**
 * The text as at most `maxLines` lines of at most `lineChars` characters, split where the longer
 * line is shortest; null when it does not fit. A single word longer than a line gets a line of its own.
 */
export function wrapCaption(
  words: readonly string[],
  lineChars = CAPTION_LINE_CHARS,
  maxLines = CAPTION_MAX_LINES,
): string[] | null {
  const one = words.join(' ');
  if (one.length <= lineChars || words.length === 1) return [one];
  if (maxLines < 2) return null;
  let best: string[] | null = null;
  for (let cut = 1; cut < words.length; cut++) {
    const lines = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    const longest = Math.max(...lines.map((l) => l.length));
    if (longest > lineChars) continue;
    if (!best || longest < Math.max(...best.map((l) => l.length))) best = lines;
  }
  return best;
}

/** Cues from words in time order: each word in exactly one cue, in order. */
export function buildCaptionCues(words: readonly TimedWord[]): CaptionCue[] {
  const groups: TimedWord[][] = [];
  let current: TimedWord[] = [];
  for (const word of words) {
    const text = word.text.trim();
    if (!text) continue;
    const next = { ...word, text };
    const last = current.at(-1);
    if (last && startsNewCue(current, last, next)) {
      groups.push(current);
      current = [];
    }
    current.push(next);
  }
  if (current.length) groups.push(current);

  return groups.map((group, i) => {
    const startMs = group[0]!.startMs;
    const spoken = group.at(-1)!.endMs;
    const nextStart = groups[i + 1]?.[0]!.startMs ?? Number.POSITIVE_INFINITY;
    const endMs = Math.max(spoken, Math.min(startMs + CAPTION_MIN_MS, nextStart));
    const lines = wrapCaption(group.map((w) => w.text)) ?? [group.map((w) => w.text).join(' ')];
    return { startMs, endMs, text: lines.join('\n') };
  });
}

function startsNewCue(current: readonly TimedWord[], last: TimedWord, next: TimedWord): boolean {
  if (next.startMs - last.endMs >= CAPTION_PAUSE_MS) return true;
  if (SENTENCE_END.test(last.text)) return true;
  if (next.endMs - current[0]!.startMs > CAPTION_MAX_MS) return true;
  const texts = [...current.map((w) => w.text), next.text];
  if (!wrapCaption(texts)) return true;
  // A clause end is a good place to break once the cue has a line's worth of text.
  return CLAUSE_END.test(last.text) && current.map((w) => w.text).join(' ').length >= CAPTION_LINE_CHARS;
}
