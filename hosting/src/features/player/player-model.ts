// Player model: opens a playback session, plays it through the media source with the viewer's ID
// token on every request, keeps the session alive (heartbeats renew the signed URLs), turns
// refusals into messages (revoked, expired, rate limited), and owns the reasons playback is paused
// (background, DevTools, capture, watermark tampering). Components render its signals; its methods
// are closures, so they work destructured.
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type HlsType from 'hls.js';
import type { PlaybackApi, PlaybackSession } from '../../api/playback-api';
import { MAX_RECEIPTS_PER_BEAT } from '../../api/wire';
import { guardCaptureStream, installDeterrents, pauseInBackground, type Cleanup } from './deterrents';
import { startMedia, type StopMedia } from './media-source';
import {
  canResume,
  describeRefusal,
  heartbeatEndsPlayback,
  openingPosition,
  stepSpeed,
  type PauseReason,
  type Refusal,
} from './player-derive';
import type { ResumeStore } from './resume-store';
import { bindVideo } from './video-binding';
import { installWatermark } from './watermark';
import { createQualityModel, type QualityChoice, type QualityModel } from './quality';

export const HEARTBEAT_MS = 60_000;
/** The key endpoint allows one request per 30 s per viewer; wait that long after a 429. */
export const KEY_WINDOW_MS = 30_000;
/** Native-player errors in a row (without playing in between) that the player reloads through. */
export const MAX_NATIVE_RECOVERIES = 3;

export interface PlayerPort {
  readonly api: Pick<PlaybackApi, 'openSession' | 'heartbeat'>;
  idToken(): Promise<string | null>;
  loadHls(): Promise<typeof HlsType>;
  readonly resume: ResumeStore;
  /** A deep link's start (#/watch/<id>?t=<seconds>): opens there instead of where the viewer left off. */
  readonly linkedStart?: number | null;
  /**
   * Whether the browser's native HLS may play (Safari without MSE). It authenticates the key and
   * segments with our playback cookie, which a page on another origin cannot give it: the widget
   * turns it off and says where the video plays instead (docs/embedding.md).
   */
  readonly nativeHls?: boolean;
  /** What to say when no way of playing is left; the app's own text when absent. */
  readonly unsupportedText?: string;
  /** Where the quality choice and the measured throughput are kept (localStorage in the app); none keeps nothing. */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** The recording's poster frame (a data: URL), shown under the watermark while audio only plays. */
  poster?(): Promise<string | null>;
}

export type Phase = 'opening' | 'ready' | 'refused' | 'failed';

export interface PlayerElements {
  readonly video: HTMLVideoElement;
  readonly container: HTMLElement;
  readonly watermark: HTMLElement;
}

export interface PlayerModel {
  readonly phase: ReadonlySignal<Phase>;
  readonly refusal: ReadonlySignal<Refusal | null>;
  readonly failure: ReadonlySignal<string | null>;
  readonly session: ReadonlySignal<PlaybackSession | null>;
  readonly playing: ReadonlySignal<boolean>;
  readonly buffering: ReadonlySignal<boolean>;
  readonly position: ReadonlySignal<number>;
  readonly duration: ReadonlySignal<number>;
  readonly rate: ReadonlySignal<number>;
  readonly volume: ReadonlySignal<number>;
  readonly muted: ReadonlySignal<boolean>;
  readonly pauseReason: ReadonlySignal<PauseReason | null>;
  /** Seconds left before an automatic retry after "too many requests", or 0. */
  readonly waitSeconds: ReadonlySignal<number>;
  readonly resumedFrom: ReadonlySignal<number | null>;
  /** Which rung of the ladder plays (quality.ts). */
  readonly quality: QualityModel;
  /** Picks a quality; into or out of audio only reloads where playback is. */
  setQuality(choice: QualityChoice): void;
  /** Opens the session and starts playback into these elements; returns the teardown. */
  attach(elements: PlayerElements): Cleanup;
  togglePlay(): void;
  seek(seconds: number): void;
  skip(delta: number): void;
  setRate(rate: number): void;
  stepRate(direction: 1 | -1): void;
  setVolume(volume: number): void;
  toggleMute(): void;
  startOver(): void;
  /** Lift a resumable pause (background, DevTools, capture) and play. */
  resume(): void;
  retry(): void;
}

const UNSUPPORTED = 'This browser cannot play HLS video. Try a current Chrome, Edge, Firefox or Safari.';
const LOAD_FAILED = 'The video could not be loaded. Check your connection and try again.';

function listen(target: EventTarget, type: string, listener: () => void): Cleanup {
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}

export function createPlayerModel(recordingId: string, port: PlayerPort): PlayerModel {
  const phase = signal<Phase>('opening');
  const refusal = signal<Refusal | null>(null);
  const failure = signal<string | null>(null);
  const session = signal<PlaybackSession | null>(null);
  const playing = signal(false);
  const buffering = signal(false);
  const position = signal(0);
  const duration = signal(0);
  const rate = signal(1);
  const volume = signal(1);
  const muted = signal(false);
  const pauseReason = signal<PauseReason | null>(null);
  const waitUntil = signal(0);
  const clock = signal(Date.now());
  const resumedFrom = signal<number | null>(null);
  const quality = createQualityModel(port.storage);

  let els: PlayerElements | null = null;
  let stopMedia: StopMedia | null = null;
  let token: string | null = null;
  let cleanups: Cleanup[] = []; // for as long as the player is attached
  let sessionCleanups: Cleanup[] = []; // for one playback session (watermark, heartbeats)
  let attempt = 0; // bumped on every media (re)load so late hls.js callbacks of an old one are ignored
  let opening = 0; // bumped on every session open, retry and detach, for the same reason
  let recoveries = 0; // native-player reloads since playback last got going
  const receipts: string[] = []; // delivery receipts of segments received since the last heartbeat

  const stopped = () => phase.value === 'refused' || phase.value === 'failed';

  function fail(text: string): void {
    batch(() => {
      failure.value = text;
      phase.value = 'failed';
    });
  }

  function pauseFor(reason: PauseReason): void {
    if (pauseReason.value === 'tampered') return; // sticky
    els?.video.pause();
    pauseReason.value = reason;
  }

  function refuse(error: unknown): void {
    teardownMedia();
    batch(() => {
      refusal.value = describeRefusal(error);
      phase.value = refusal.value.retryable ? 'failed' : 'refused';
      if (refusal.value.retryable) failure.value = refusal.value.text;
    });
  }

  function teardownMedia(): void {
    stopMedia?.();
    stopMedia = null;
    playing.value = false;
    if (els) {
      els.video.pause();
      els.video.removeAttribute('src');
      els.video.load();
    }
  }

  /** A media request was refused: ask the API why (the heartbeat runs the same access check). */
  async function askWhy(): Promise<void> {
    const current = session.value;
    if (!current || stopped()) return;
    try {
      await port.api.heartbeat(current.sessionId, position.value);
      token = await port.idToken();
      // Still allowed: the URLs or the token had expired; reload the playlist where we are.
      await loadMedia(position.value);
    } catch (error) {
      refuse(error);
    }
  }

  function waitAndReload(ms: number): void {
    if (!session.value || stopped()) return;
    const mine = attempt;
    teardownMedia();
    waitUntil.value = Date.now() + ms;
    setTimeout(() => {
      if (mine !== attempt || stopped()) return;
      waitUntil.value = 0;
      void loadMedia(position.value);
    }, ms);
  }

  async function loadMedia(startAt: number): Promise<void> {
    const mine = ++attempt;
    const current = session.value;
    if (!els || !current) return;
    const { video } = els;
    stopMedia?.();
    stopMedia = null;
    const Hls = await port.loadHls();
    if (mine !== attempt || !els) return;
    void showPosterForAudio(video, mine);
    const stop = startMedia(
      Hls,
      video,
      {
        playlistUrl: quality.playlistFor(current.multivariantUrl),
        abrEstimate: quality.startEstimate(),
        onHls: quality.bind,
        startAt,
        token: () => token,
        nativeHls: port.nativeHls ?? true,
        delivered: (receipt) => receipts.push(receipt),
      },
      {
        refused: (what) => {
          if (mine !== attempt) return;
          if (what === 'wait') waitAndReload(KEY_WINDOW_MS);
          else void askWhy();
        },
        failed: () => {
          if (mine !== attempt) return;
          teardownMedia();
          fail(LOAD_FAILED);
        },
        lost: () => {
          if (mine !== attempt) return;
          if (++recoveries > MAX_NATIVE_RECOVERIES) {
            teardownMedia();
            return fail(LOAD_FAILED);
          }
          void askWhy();
        },
      },
    );
    if (!stop) return fail(port.unsupportedText ?? UNSUPPORTED);
    stopMedia = stop;
    phase.value = 'ready';
    if (!pauseReason.value) await video.play().catch(() => undefined); // autoplay may be refused: the play button remains
  }

  /** Audio only has no picture: the poster stands in, so a screen recording still shows the watermark over it. */
  async function showPosterForAudio(video: HTMLVideoElement, mine: number): Promise<void> {
    if (quality.choice.value !== 'audio') return video.removeAttribute('poster');
    const poster = await port.poster?.().catch(() => null);
    if (poster && mine === attempt && quality.choice.value === 'audio') video.poster = poster;
  }

  async function heartbeat(): Promise<void> {
    const current = session.value;
    if (!current || stopped()) return;
    const sent = receipts.splice(0, MAX_RECEIPTS_PER_BEAT);
    try {
      const beat = await port.api.heartbeat(current.sessionId, position.value, sent);
      token = await port.idToken(); // ID tokens live an hour; keep hls.js on a fresh one
      if (beat.renewed) {
        session.value = { ...current, expiresAtMs: beat.expiresAtMs };
        await loadMedia(position.value); // the playlist now carries freshly signed URLs
      }
    } catch (error) {
      if (heartbeatEndsPlayback(error)) refuse(error);
      // Network trouble: the next beat tries again (with these receipts); the media keeps playing meanwhile.
      else receipts.unshift(...sent);
    }
  }

  async function open(): Promise<void> {
    const mine = ++opening;
    batch(() => {
      phase.value = 'opening';
      refusal.value = null;
      failure.value = null;
    });
    try {
      const [opened, idToken] = await Promise.all([port.api.openSession(recordingId), port.idToken()]);
      if (mine !== opening || !els) return;
      token = idToken;
      session.value = opened;
      const { container, watermark } = els;
      const beat = setInterval(() => void heartbeat(), HEARTBEAT_MS);
      sessionCleanups = [
        installWatermark(watermark, container, opened.watermark, () => pauseFor('tampered')),
        pauseInBackground(opened.backgroundPause, { pause: pauseFor }),
        () => clearInterval(beat),
      ];
      const saved = openingPosition(port.linkedStart, port.resume.get());
      resumedFrom.value = saved;
      await loadMedia(saved ?? 0);
    } catch (error) {
      if (mine === opening && els) refuse(error); // includes a player chunk that failed to load
    }
  }

  function attach(elements: PlayerElements): Cleanup {
    els = elements;
    const ticker = setInterval(() => (clock.value = Date.now()), 500);
    const hooks = { pause: pauseFor };
    // Playing while a sticky reason or a refusal holds (e.g. video.play() from the console) is undone.
    const mayPlay = () => pauseReason.value !== 'tampered' && !stopped();
    const videoSignals = { playing, buffering, position, duration, rate, volume, muted };
    cleanups = [
      () => clearInterval(ticker),
      bindVideo(elements.video, videoSignals, port.resume, mayPlay),
      listen(elements.video, 'playing', () => (recoveries = 0)),
      installDeterrents(elements.container, hooks),
      guardCaptureStream(elements.video, hooks),
    ];
    void open();
    return () => {
      attempt++;
      opening++;
      if (els) port.resume.set(els.video.currentTime);
      // Leaving the page: hand in the receipts of the last minute, or that minute is never credited.
      const current = session.value;
      if (current && receipts.length && !stopped())
        void port.api.heartbeat(current.sessionId, position.value, receipts.splice(0)).catch(() => undefined);
      [...cleanups, ...sessionCleanups].forEach((cleanup) => cleanup());
      cleanups = [];
      sessionCleanups = [];
      teardownMedia();
      els = null;
    };
  }

  function togglePlay(): void {
    const video = els?.video;
    if (!video || stopped()) return;
    if (video.paused) {
      if (pauseReason.value && !canResume(pauseReason.value)) return;
      pauseReason.value = null;
      void video.play().catch(() => undefined);
    } else video.pause();
  }

  function seek(seconds: number): void {
    if (els && Number.isFinite(seconds))
      els.video.currentTime = Math.max(0, Math.min(seconds, duration.value || seconds));
  }

  return {
    phase,
    refusal,
    failure,
    session,
    playing,
    buffering,
    position,
    duration,
    rate,
    volume,
    muted,
    pauseReason,
    waitSeconds: computed(() => Math.max(0, Math.ceil((waitUntil.value - clock.value) / 1000))),
    resumedFrom,
    quality,
    setQuality(choice) {
      const current = session.value;
      if (!quality.choose(choice) || !current || stopped() || !els) return;
      // The playing hls.js instance loads the other playlist (it keeps its key); a new one otherwise.
      if (!quality.switchSource(quality.playlistFor(current.multivariantUrl), position.value))
        return void loadMedia(position.value);
      void showPosterForAudio(els.video, attempt);
      void els.video.play().catch(() => undefined);
    },
    attach,
    togglePlay,
    seek,
    skip(delta) {
      if (els) seek(els.video.currentTime + delta);
    },
    setRate(next) {
      if (els) els.video.playbackRate = next;
    },
    stepRate(direction) {
      if (els) els.video.playbackRate = stepSpeed(els.video.playbackRate, direction);
    },
    setVolume(next) {
      if (!els) return;
      els.video.volume = Math.max(0, Math.min(1, next));
      els.video.muted = next === 0;
    },
    toggleMute() {
      if (els) els.video.muted = !els.video.muted;
    },
    startOver() {
      resumedFrom.value = null;
      seek(0);
    },
    resume() {
      const reason = pauseReason.value;
      if (reason && !canResume(reason)) return;
      pauseReason.value = null;
      void els?.video.play().catch(() => undefined);
    },
    retry() {
      attempt++;
      opening++;
      teardownMedia();
      sessionCleanups.splice(0).forEach((cleanup) => cleanup());
      void open();
    },
  };
}
