// Captions in the player: which caption track to show (the first caption track the session's
// playlist carries, as hls.js or the browser's native HLS exposes it in video.textTracks), the
// viewer's choices (caption-prefs.ts), the cue on screen now, and the transcript (the same
// track's cues from the API, for the panel that follows playback). The browser is asked to load
// and time the cues (mode "hidden") and we draw them ourselves, so they look the same in every
// engine, stay visible in our full screen, and sit where the watermark never goes.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { CaptionsApi, CaptionTrack, CaptionTrackInfo, TranscriptFile } from '../../api/captions-api';
import { cueTextAt } from './caption-clock';
import { readCaptionPrefs, writeCaptionPrefs, type CaptionPrefs } from './caption-prefs';

type Cleanup = () => void;

export interface CaptionsModel {
  /** The recording's tracks (empty: no CC button). */
  readonly tracks: ReadonlySignal<CaptionTrackInfo[]>;
  readonly prefs: ReadonlySignal<CaptionPrefs>;
  /** The caption text on screen now ('' for none). */
  readonly text: ReadonlySignal<string>;
  /** The captions' cues and status for the transcript panel (null until loaded or when there are none). */
  readonly transcript: ReadonlySignal<CaptionTrack | null>;
  /** Whether the download rules let this viewer keep the transcript as a file. */
  readonly canDownload: ReadonlySignal<boolean>;
  /** The captions as a file (.txt or .vtt); the server applies the download rules again. */
  downloadTranscript(format: 'txt' | 'vtt'): Promise<TranscriptFile>;
  toggle(): void;
  choose(change: Partial<Omit<CaptionPrefs, 'on'>>): void;
  /** Loads the tracks and follows the video's text tracks; returns the teardown. */
  attach(video: HTMLVideoElement, container: HTMLElement): Cleanup;
}

const isCaptionTrack = (track: TextTrack) =>
  (track.kind === 'subtitles' || track.kind === 'captions') && !/descriptions/i.test(track.label);

export function createCaptionsModel(
  recordingId: string,
  api: Pick<CaptionsApi, 'listing' | 'track' | 'transcriptFile'>,
): CaptionsModel {
  const tracks = signal<CaptionTrackInfo[]>([]);
  const prefs = signal<CaptionPrefs>(readCaptionPrefs());
  const text = signal('');
  const transcript = signal<CaptionTrack | null>(null);
  const canDownload = signal(false);
  let apply: () => void = () => undefined;

  function choose(change: Partial<CaptionPrefs>): void {
    prefs.value = { ...prefs.value, ...change };
    writeCaptionPrefs(prefs.value);
    apply();
  }

  function attach(video: HTMLVideoElement, container: HTMLElement): Cleanup {
    let stopped = false;
    void api
      .listing(recordingId)
      .then(async ({ tracks: list, canDownload: may }) => {
        if (stopped) return;
        tracks.value = list;
        canDownload.value = may;
        const captions = list.find((t) => t.kind === 'captions');
        if (captions) transcript.value = await api.track(recordingId, captions.lang);
      })
      .catch(() => undefined); // no captions is not a playback failure: the player says why it cannot play

    let shown: TextTrack | null = null;
    let captionsOn = false;
    // Captions on, but the browser exposes no caption track, or one it never filled: the transcript
    // is timed against the video instead (caption-clock.ts).
    const untracked = () => captionsOn && !shown?.cues?.length;
    const onCue = () => {
      if (untracked()) return void (text.value = cueTextAt(transcript.value?.cues ?? [], video.currentTime));
      const cues = shown?.activeCues;
      text.value = cues ? Array.from(cues, (cue) => (cue as VTTCue).text).join('\n') : '';
    };
    apply = () => {
      const on = prefs.value.on && tracks.value.length > 0;
      container.dataset.captions = on ? 'on' : 'off';
      const list = Array.from(video.textTracks);
      const wanted = on ? (list.find(isCaptionTrack) ?? null) : null;
      for (const track of list) {
        // "hidden": the browser loads and times the cues, we draw them (the player's own full screen keeps them).
        const mode: TextTrackMode = track === wanted ? (fullscreenVideo ? 'showing' : 'hidden') : 'disabled';
        if (track.mode !== mode) track.mode = mode;
      }
      captionsOn = on;
      if (shown !== wanted) {
        shown?.removeEventListener('cuechange', onCue);
        wanted?.addEventListener('cuechange', onCue);
        shown = wanted;
      }
      onCue();
    };
    // iPhone's own video full screen shows the video element alone: the browser draws the cues there.
    let fullscreenVideo = false;
    const onBeginFullscreen = () => ((fullscreenVideo = true), apply());
    const onEndFullscreen = () => ((fullscreenVideo = false), apply());
    const stopTracks = tracks.subscribe(() => apply());
    const events: Array<[EventTarget, string, () => void]> = [
      [video.textTracks, 'addtrack', () => apply()],
      [video.textTracks, 'change', () => apply()],
      [video, 'timeupdate', () => untracked() && onCue()],
      [video, 'webkitbeginfullscreen', onBeginFullscreen],
      [video, 'webkitendfullscreen', onEndFullscreen],
    ];
    for (const [target, type, listener] of events) target.addEventListener(type, listener);
    return () => {
      stopped = true;
      stopTracks();
      for (const [target, type, listener] of events) target.removeEventListener(type, listener);
      shown?.removeEventListener('cuechange', onCue);
      apply = () => undefined;
    };
  }

  return {
    tracks,
    prefs,
    text,
    transcript,
    canDownload,
    downloadTranscript: (format) => api.transcriptFile(recordingId, transcript.value?.lang ?? 'en', format),
    toggle: () => choose({ on: !prefs.value.on }),
    choose,
    attach,
  };
}
