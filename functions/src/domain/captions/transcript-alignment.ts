// How far a transcript is from a reference: the word error rate (substitutions + deletions +
// insertions over the reference's words, after the usual normalisation: case, punctuation) and
// which hypothesis word matched which reference word, so the caller can compare their times.

/** Lower case, punctuation dropped (hyphens split words), apostrophes kept: "Beta-blockers," → beta blockers. */
export function normaliseWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[-–—/]/g, ' ')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

export interface Alignment {
  /** (S + D + I) / reference words; 0 for two empty texts. */
  wordErrorRate: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  /** Pairs of equal words: [index in reference, index in hypothesis]. */
  matches: [number, number][];
}

/** Levenshtein over words with a backtrace (ties prefer a match, then a substitution). */
export function alignWords(reference: readonly string[], hypothesis: readonly string[]): Alignment {
  const n = reference.length;
  const m = hypothesis.length;
  const cost: number[][] = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) {
      const same = reference[i - 1] === hypothesis[j - 1] ? 0 : 1;
      cost[i]![j] = Math.min(cost[i - 1]![j - 1]! + same, cost[i - 1]![j]! + 1, cost[i]![j - 1]! + 1);
    }
  const result: Alignment = { wordErrorRate: 0, substitutions: 0, deletions: 0, insertions: 0, matches: [] };
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = cost[i]![j]!;
    if (i > 0 && j > 0 && here === cost[i - 1]![j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1)) {
      if (reference[i - 1] === hypothesis[j - 1]) result.matches.push([i - 1, j - 1]);
      else result.substitutions += 1;
      i -= 1;
      j -= 1;
    } else if (i > 0 && here === cost[i - 1]![j]! + 1) {
      result.deletions += 1;
      i -= 1;
    } else {
      result.insertions += 1;
      j -= 1;
    }
  }
  result.matches.reverse();
  const errors = result.substitutions + result.deletions + result.insertions;
  result.wordErrorRate = n === 0 ? (m === 0 ? 0 : 1) : errors / n;
  return result;
}

/** The word error rate of `hypothesis` against `reference`, both free text. */
export const wordErrorRate = (reference: string, hypothesis: string): number =>
  alignWords(normaliseWords(reference), normaliseWords(hypothesis)).wordErrorRate;
