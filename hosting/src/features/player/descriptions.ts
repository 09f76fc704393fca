// Description tracks (WebVTT kind=descriptions: what is shown, for viewers who cannot see it) read
// aloud with the browser's speech synthesis while the viewer has descriptions on. The cues come from
// the API, like the transcript's, and are timed against the player's position: hls.js loads one
// subtitle rendition at a time, and that one carries the captions.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { CaptionCue, CaptionsApi, CaptionTrackInfo } from '../../api/captions-api';
import { currentCueIndex } from './caption-prefs';

/**
 * The description cue to read now, or null: the one playback is in, unless it was the last one read
 * or playback is already past its end (after a seek, a description is not read late).
 */
export function cueToSpeak(cues: readonly CaptionCue[], lastSpoken: number, seconds: number): number | null {
  const index = currentCueIndex(cues, seconds);
  if (index < 0 || index === lastSpoken) return null;
  return seconds * 1000 < cues[index]!.endMs ? index : null;
}

export interface DescriptionsReader {
  /** A description track exists and the browser can speak. */
  readonly available: ReadonlySignal<boolean>;
  readonly on: ReadonlySignal<boolean>;
  toggle(): void;
  /** Loads the description track when the recording has one. */
  load(tracks: readonly CaptionTrackInfo[]): void;
  /** Called as the position moves: reads the cue playback has reached. */
  follow(seconds: number): void;
  stop(): void;
}

type Speech = Pick<SpeechSynthesis, 'speak' | 'cancel'>;

export function createDescriptionsReader(
  recordingId: string,
  api: Pick<CaptionsApi, 'track'>,
  speech: Speech | undefined = typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis,
  utterance: (text: string, lang: string) => SpeechSynthesisUtterance = (text, lang) =>
    Object.assign(new SpeechSynthesisUtterance(text), { lang }),
): DescriptionsReader {
  const available = signal(false);
  const on = signal(false);
  let cues: CaptionCue[] = [];
  let lang = 'en';
  let lastSpoken = -1;
  let loading: string | null = null;
  return {
    available,
    on,
    toggle() {
      on.value = !on.value;
      lastSpoken = -1;
      if (!on.value) speech?.cancel();
    },
    load(tracks) {
      const track = tracks.find((t) => t.kind === 'descriptions');
      if (!speech || !track || loading === track.lang) return;
      loading = track.lang;
      void api
        .track(recordingId, `${track.lang}_descriptions`)
        .then((full) => {
          cues = full.cues;
          lang = full.lang;
          available.value = cues.length > 0;
        })
        .catch(() => undefined); // no descriptions is not a playback failure
    },
    follow(seconds) {
      if (!on.value || !speech) return;
      const index = cueToSpeak(cues, lastSpoken, seconds);
      if (index === null) return;
      lastSpoken = index;
      speech.cancel(); // a description still being read when the next begins gives way to it
      speech.speak(utterance(cues[index]!.text, lang));
    },
    stop() {
      speech?.cancel();
    },
  };
}
