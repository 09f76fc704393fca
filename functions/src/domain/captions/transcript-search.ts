// Searching what was said, without a search engine: a caption track is indexed by its distinct
// words (folded as the library folds titles: lower case, no accents, cut to 15 letters), Firestore
// finds the tracks holding a query's longest word (array-contains), and the cues are then matched
// here: the moments where every word of the query was said in one cue.
import type { CaptionCue } from '@lecturevault/contract';
import { foldText, queryTokens } from '../library/library-search';

/** A track's index entries: Firestore indexes each, and a document holds at most 40,000 index entries. */
export const MAX_TRANSCRIPT_WORDS = 5000;
/** The moments one recording lists in the results. */
export const MAX_MOMENTS = 20;

const MAX_WORD = 15;
const wordsOf = (text: string): string[] =>
  (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 2).map((w) => w.slice(0, MAX_WORD));

/** The distinct words of a track's cues, the first MAX_TRANSCRIPT_WORDS of them. */
export function wordsOfCues(cues: readonly CaptionCue[]): string[] {
  const words = new Set<string>();
  for (const cue of cues) {
    for (const word of wordsOf(cue.text)) {
      words.add(word);
      if (words.size >= MAX_TRANSCRIPT_WORDS) return [...words];
    }
  }
  return [...words];
}

/** A query's words as the index holds them, longest first ([] for none). */
export const transcriptQueryWords = (query: string): string[] => queryTokens(query);

/** The cues that hold every word of the query (whole words), at most MAX_MOMENTS, in time order. */
export function momentsOf(
  cues: readonly CaptionCue[],
  words: readonly string[],
): Array<{ startMs: number; text: string }> {
  if (!words.length) return [];
  const moments: Array<{ startMs: number; text: string }> = [];
  for (const cue of cues) {
    const said = new Set(wordsOf(cue.text));
    if (words.every((w) => said.has(w))) moments.push({ startMs: cue.startMs, text: cue.text });
    if (moments.length >= MAX_MOMENTS) break;
  }
  return moments;
}
