// Quality: which rung of a lecture's ladder plays (docs/adaptive-ladder.md). Auto lets hls.js
// choose from what it measures, starting from the last throughput this browser measured (not the
// top rung); data saver caps Auto at 360p; a rung holds that picture size; audio only plays the
// audio-only rung (hls.js leaves audio-only variants out of its levels, so the playing instance
// loads the session's multivariant playlist narrowed to that rung, subtitle renditions and so
// captions kept). The choice and the measured throughput stay in localStorage.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type HlsType from 'hls.js';

/** 'auto', 'saver' (Auto capped at DATA_SAVER_HEIGHT), 'audio', or a rung by its height ('h360'). */
export type QualityChoice = 'auto' | 'saver' | 'audio' | `h${number}`;

/** Data saver plays no taller picture than this. */
export const DATA_SAVER_HEIGHT = 360;
/** hls.js' own default when nothing was measured yet: about a slow mobile link. */
const DEFAULT_ESTIMATE_BPS = 500_000;

const CHOICE_KEY = 'lv.quality';
const ESTIMATE_KEY = 'lv.bandwidth';

export interface QualityLevel {
  index: number;
  height: number;
  bitrate: number;
}

export interface QualityModel {
  readonly choice: ReadonlySignal<QualityChoice>;
  /** hls.js' video levels, tallest first; empty under native HLS. */
  readonly levels: ReadonlySignal<readonly QualityLevel[]>;
  /** The height playing now (0 before the first level switch or for audio only). */
  readonly playingHeight: ReadonlySignal<number>;
  /** The session has an audio-only rung. */
  readonly hasAudio: ReadonlySignal<boolean>;
  /** Whether there is anything to choose from (hls.js, more than one rung or an audio rung). */
  readonly choosable: ReadonlySignal<boolean>;
  /** The playlist to load for `multivariantUrl` under the current choice. */
  playlistFor(multivariantUrl: string): string;
  /** Throughput to start Auto from, bits/s. */
  startEstimate(): number;
  /** Wires a new hls.js instance; returns what to call when it goes. */
  bind(hls: HlsType, Hls: typeof HlsType): () => void;
  /** Changes the choice; true when the media must be reloaded (into or out of audio only). */
  choose(choice: QualityChoice): boolean;
  /**
   * Loads `url` into the hls.js instance playing now, from `at` seconds; false when there is none
   * (native HLS, or between loads). The instance keeps the key it holds: the key endpoint allows a
   * viewer one request per 30 s, which a new instance soon after the start would run into.
   */
  switchSource(url: string, at: number): boolean;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** Only Auto and data saver are remembered: a rung or audio only is a choice for this lecture. */
const isRemembered = (value: string | null): value is 'auto' | 'saver' => value === 'auto' || value === 'saver';

/** The session's multivariant playlist with the audio-only variant alone (and its subtitle renditions). */
export const audioPlaylistUrl = (multivariantUrl: string): string =>
  `${multivariantUrl}${multivariantUrl.includes('?') ? '&' : '?'}only=audio`;

/** The level a choice plays: -1 for hls.js' own choice; `cap` the highest Auto may pick (-1 = none). */
export function levelsFor(choice: QualityChoice, levels: readonly QualityLevel[]): { level: number; cap: number } {
  if (choice.startsWith('h')) {
    const height = Number(choice.slice(1));
    const match = levels.find((l) => l.height === height);
    if (match) return { level: match.index, cap: -1 };
  }
  if (choice === 'saver' && levels.length) {
    const within = levels.filter((l) => l.height <= DATA_SAVER_HEIGHT);
    const cap = within.length ? within[0]! : levels[levels.length - 1]!;
    return { level: -1, cap: cap.index };
  }
  return { level: -1, cap: -1 };
}

export function createQualityModel(storage?: Storage): QualityModel {
  const read = (key: string) => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const write = (key: string, value: string) => {
    try {
      storage?.setItem(key, value);
    } catch {
      /* storage full or disabled: the choice is a convenience */
    }
  };
  const stored = read(CHOICE_KEY);
  const choice = signal<QualityChoice>(isRemembered(stored) ? stored : 'auto');
  const levels = signal<readonly QualityLevel[]>([]);
  const playingHeight = signal(0);
  const hasAudio = signal(false);
  let current: HlsType | null = null;

  const apply = () => {
    if (!current) return;
    const { level, cap } = levelsFor(choice.value, levels.value);
    if (current.autoLevelCapping !== cap) current.autoLevelCapping = cap;
    // Setting currentLevel flushes the buffer and loads it again at once (all of a short lecture,
    // before a revocation could be felt): only for a real change, never for Auto as it starts.
    if (level !== -1 || !current.autoLevelEnabled) current.currentLevel = level;
  };

  return {
    choice,
    levels,
    playingHeight,
    hasAudio,
    choosable: computed(() => levels.value.length > 1 || hasAudio.value),
    playlistFor: (url) => (choice.value === 'audio' ? audioPlaylistUrl(url) : url),
    startEstimate() {
      const measured = Number(read(ESTIMATE_KEY));
      return Number.isFinite(measured) && measured > 0
        ? Math.min(50_000_000, Math.max(100_000, measured))
        : DEFAULT_ESTIMATE_BPS;
    },
    bind(hls, Hls) {
      current = hls;
      const onLoaded = (
        _e: unknown,
        data: { levels: { videoCodec?: string; audioCodec?: string; width?: number }[] },
      ) => {
        // Before hls.js drops the audio-only variant from its levels.
        if (choice.value !== 'audio')
          hasAudio.value = data.levels.some((l) => !l.videoCodec && !l.width && !!l.audioCodec);
      };
      const onParsed = () => {
        if (choice.value === 'audio') return; // the audio rung's playlist: the rungs stay as they were
        levels.value = hls.levels
          .map((l, index) => ({ index, height: l.height, bitrate: l.bitrate }))
          .filter((l) => l.height > 0)
          .sort((a, b) => b.height - a.height);
        apply();
      };
      const onSwitched = (_e: unknown, data: { level: number }) => {
        playingHeight.value = hls.levels[data.level]?.height ?? 0;
      };
      hls.on(Hls.Events.MANIFEST_LOADED, onLoaded);
      hls.on(Hls.Events.MANIFEST_PARSED, onParsed);
      hls.on(Hls.Events.LEVEL_SWITCHED, onSwitched);
      return () => {
        if (hls.bandwidthEstimate > 0) write(ESTIMATE_KEY, String(Math.round(hls.bandwidthEstimate)));
        hls.off(Hls.Events.MANIFEST_LOADED, onLoaded);
        hls.off(Hls.Events.MANIFEST_PARSED, onParsed);
        hls.off(Hls.Events.LEVEL_SWITCHED, onSwitched);
        if (current === hls) current = null;
      };
    },
    switchSource(url, at) {
      if (!current) return false;
      current.config.startPosition = at;
      current.loadSource(url);
      return true;
    },
    choose(next) {
      const reload = (next === 'audio') !== (choice.value === 'audio');
      choice.value = next;
      if (isRemembered(next)) write(CHOICE_KEY, next);
      if (next === 'audio') playingHeight.value = 0;
      if (!reload) apply();
      return reload;
    },
  };
}
