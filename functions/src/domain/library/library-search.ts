// The library's search without a search engine: every recording carries `searchTokens`, the
// prefixes (2–15 letters) of the words of its title, its meeting's title and its teacher's name,
// folded (lower case, no accents); a query's longest word is matched by Firestore (array-contains)
// and every other word against the same tokens. A page cursor is the last row's (createdAtMs, id).
import type { LibrarySort } from '@lecturevault/contract';

const MIN_PREFIX = 2;
const MAX_PREFIX = 15;
/** Firestore indexes every array element: a bound keeps a long title from costing many index writes. */
export const MAX_TOKENS = 200;

export const foldText = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const wordsOf = (text: string): string[] => foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** The tokens a recording is found by. */
export function searchTokens(...texts: Array<string | null | undefined>): string[] {
  const tokens = new Set<string>();
  for (const word of texts.flatMap((t) => wordsOf(t ?? ''))) {
    for (let n = MIN_PREFIX; n <= Math.min(word.length, MAX_PREFIX); n++) tokens.add(word.slice(0, n));
  }
  return [...tokens].slice(0, MAX_TOKENS);
}

/** A query's words as tokens (cut to the longest prefix indexed), longest first; [] for none. */
export function queryTokens(query: string): string[] {
  const words = wordsOf(query)
    .filter((w) => w.length >= MIN_PREFIX)
    .map((w) => w.slice(0, MAX_PREFIX));
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** Whether a recording's tokens hold every word of the query. */
export const matchesAll = (tokens: readonly string[] | undefined, words: readonly string[]): boolean =>
  words.every((w) => (tokens ?? []).includes(w));

export interface PageCursor {
  createdAtMs: number;
  id: string;
}

export const encodeCursor = (c: PageCursor): string =>
  Buffer.from(JSON.stringify([c.createdAtMs, c.id])).toString('base64url');

/** The cursor a client sent back, or null for anything we did not mint. */
export function decodeCursor(text: string): PageCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAtMs, id] = value as [unknown, unknown];
    if (!Number.isSafeInteger(createdAtMs) || typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(id)) return null;
    return { createdAtMs: createdAtMs as number, id };
  } catch {
    return null;
  }
}

export type { LibrarySort };

/** Whether `r` comes after the cursor in this order (ties on createdAtMs ordered by id, as Firestore does). */
export function isAfter(r: PageCursor, cursor: PageCursor, sort: LibrarySort): boolean {
  if (r.createdAtMs !== cursor.createdAtMs)
    return sort === 'newest' ? r.createdAtMs < cursor.createdAtMs : r.createdAtMs > cursor.createdAtMs;
  return sort === 'newest' ? r.id < cursor.id : r.id > cursor.id;
}

/** The library's order, for merging pages from several queries. */
export const compareFor =
  (sort: LibrarySort) =>
  (a: PageCursor, b: PageCursor): number => {
    const byTime = sort === 'newest' ? b.createdAtMs - a.createdAtMs : a.createdAtMs - b.createdAtMs;
    if (byTime) return byTime;
    return sort === 'newest' ? (a.id < b.id ? 1 : -1) : a.id < b.id ? -1 : 1;
  };
