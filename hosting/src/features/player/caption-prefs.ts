// The viewer's caption choices (on or off, text size, background), remembered per browser in
// localStorage, and what each choice means on screen. Pure but for the storage port.

export const CAPTION_SIZES = ['small', 'medium', 'large', 'x-large'] as const;
export const CAPTION_BACKGROUNDS = ['solid', 'translucent', 'outline'] as const;
export type CaptionSize = (typeof CAPTION_SIZES)[number];
export type CaptionBackground = (typeof CAPTION_BACKGROUNDS)[number];

export interface CaptionPrefs {
  on: boolean;
  size: CaptionSize;
  background: CaptionBackground;
}

export const DEFAULT_CAPTION_PREFS: CaptionPrefs = { on: false, size: 'medium', background: 'solid' };

export const SIZE_LABELS: Record<CaptionSize, string> = {
  small: 'Small',
  medium: 'Medium',
  large: 'Large',
  'x-large': 'Extra large',
};
export const BACKGROUND_LABELS: Record<CaptionBackground, string> = {
  solid: 'Black box',
  translucent: 'See-through box',
  outline: 'No box (outlined text)',
};

const KEY = 'lv.captions';

/** Stored choices, each falling back to its default when missing or unknown (an older or edited value). */
export function readCaptionPrefs(storage: Pick<Storage, 'getItem'> = localStorage): CaptionPrefs {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<Record<keyof CaptionPrefs, unknown>>;
    return {
      on: typeof saved.on === 'boolean' ? saved.on : DEFAULT_CAPTION_PREFS.on,
      size: CAPTION_SIZES.includes(saved.size as CaptionSize)
        ? (saved.size as CaptionSize)
        : DEFAULT_CAPTION_PREFS.size,
      background: CAPTION_BACKGROUNDS.includes(saved.background as CaptionBackground)
        ? (saved.background as CaptionBackground)
        : DEFAULT_CAPTION_PREFS.background,
    };
  } catch {
    return DEFAULT_CAPTION_PREFS;
  }
}

export function writeCaptionPrefs(prefs: CaptionPrefs, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    /* storage full or disabled: the choice lasts for this page */
  }
}

/** The cue a transcript follows at this time: the last one started (null before the first). */
export function currentCueIndex(cues: ReadonlyArray<{ startMs: number }>, seconds: number): number {
  const ms = seconds * 1000;
  let lo = 0;
  let hi = cues.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A transcript's cues whose text holds the query (case and accents folded), with their indexes. */
export function filterCues<C extends { text: string }>(
  cues: readonly C[],
  query: string,
): Array<{ cue: C; index: number }> {
  const fold = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const wanted = fold(query.trim());
  return cues.map((cue, index) => ({ cue, index })).filter(({ cue }) => !wanted || fold(cue.text).includes(wanted));
}

/** "#/watch/<id>?t=<seconds>": the start a deep link asks for, or null. */
export function startFromHash(hash: string): number | null {
  const t = /[?&]t=(\d{1,6})(?:&|$)/.exec(hash)?.[1];
  return t === undefined ? null : Number(t);
}
