// Player model: opens a playback session, drives hls.js (or native HLS) with the viewer's ID
// token on every request, keeps the session alive (heartbeats renew the signed URLs), turns
// refusals into messages (revoked, expired, rate limited), and owns the reasons playback is paused
// (background, DevTools, capture, watermark tampering). Components render its signals.
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type HlsType from 'hls.js';
import type { ErrorData, LoaderConfig, LoaderResponse, RetryConfig } from 'hls.js';
import { ApiError } from '../api/http-api';
import { guardCaptureStream, installDeterrents, type Cleanup } from './deterrents';
import type { PlaybackApi, PlaybackSession } from '../api/playback-api';
import { canResume, describeRefusal, resumeAt, stepSpeed, type PauseReason, type Refusal } from './player-derive';
import { installWatermark } from './watermark';

export const HEARTBEAT_MS = 60_000;
/** The key endpoint allows one request per 30 s per viewer; wait that long after a 429. */
export const KEY_WINDOW_MS = 30_000;

export interface ResumeStore {
  get(): number | null;
  set(seconds: number): void;
}

export interface PlayerPort {
  readonly api: Pick<PlaybackApi, 'openSession' | 'heartbeat'>;
  idToken(): Promise<string | null>;
  loadHls(): Promise<typeof HlsType>;
  readonly resume: ResumeStore;
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

/** Stop at once on 401/403/429: those are decisions, not glitches, and we handle them ourselves. */
const noRetryOnRefusal = (_config: RetryConfig | null | undefined, count: number, _timeout: boolean, response: LoaderResponse | undefined, retry: boolean) =>
  retry && count < 3 && !(response?.code && [401, 403, 404, 429].includes(response.code));

function policy(): { default: LoaderConfig } {
  const retry: RetryConfig = { maxNumRetry: 3, retryDelayMs: 1000, maxRetryDelayMs: 8000, shouldRetry: noRetryOnRefusal };
  return { default: { maxTimeToFirstByteMs: 10_000, maxLoadTimeMs: 30_000, timeoutRetry: retry, errorRetry: retry } };
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

  let els: PlayerElements | null = null;
  let hls: HlsType | null = null;
  let token: string | null = null;
  let cleanups: Cleanup[] = []; // for as long as the player is attached
  let sessionCleanups: Cleanup[] = []; // for one playback session (watermark, heartbeats)
  let lastSaved = 0;
  let attempt = 0; // bumped on every media (re)load so late hls.js callbacks of an old one are ignored
  let opening = 0; // bumped on every session open, retry and detach, for the same reason

  const stopped = () => phase.value === 'refused' || phase.value === 'failed';

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
    hls?.destroy();
    hls = null;
    playing.value = false;
    if (els) {
      els.video.pause();
      els.video.removeAttribute('src');
      els.video.load();
    }
  }

  /** A media request was refused: ask the API why (the heartbeat runs the same access check). */
  async function onMediaRefused(code: number): Promise<void> {
    const current = session.value;
    if (!current || stopped()) return;
    if (code === 429) return waitAndReload(KEY_WINDOW_MS);
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
    const mine = attempt;
    teardownMedia();
    waitUntil.value = Date.now() + ms;
    setTimeout(() => {
      if (mine !== attempt || stopped()) return;
      waitUntil.value = 0;
      void loadMedia(position.value);
    }, ms);
  }

  function onHlsError(data: ErrorData, Hls: typeof HlsType): void {
    const code = data.response?.code;
    if (code === 401 || code === 403 || code === 429) {
      void onMediaRefused(code);
      return;
    }
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
      hls?.recoverMediaError();
      return;
    }
    teardownMedia();
    batch(() => {
      failure.value = 'The video could not be loaded. Check your connection and try again.';
      phase.value = 'failed';
    });
  }

  async function loadMedia(startAt: number): Promise<void> {
    const mine = ++attempt;
    const current = session.value;
    if (!els || !current) return;
    const { video } = els;
    hls?.destroy();
    hls = null;
    const Hls = await port.loadHls();
    if (mine !== attempt || !els) return;
    if (Hls.isSupported()) {
      const instance = new Hls({
        startPosition: startAt > 0 ? startAt : -1,
        // A short buffer keeps requests flowing, so a revocation is felt within seconds.
        maxBufferLength: 10,
        maxMaxBufferLength: 20,
        backBufferLength: 30,
        xhrSetup: (xhr) => {
          if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
        },
        manifestLoadPolicy: policy(),
        playlistLoadPolicy: policy(),
        keyLoadPolicy: policy(),
        fragLoadPolicy: policy(),
      });
      hls = instance;
      instance.on(Hls.Events.ERROR, (_event, data) => {
        if (mine === attempt) onHlsError(data, Hls);
      });
      instance.loadSource(current.playlistUrl);
      instance.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      // Safari without MSE: native HLS authenticates the key and segments with the session cookie.
      video.src = current.playlistUrl;
      if (startAt > 0) video.addEventListener('loadedmetadata', () => (video.currentTime = startAt), { once: true });
    } else {
      batch(() => {
        failure.value = 'This browser cannot play HLS video. Try a current Chrome, Edge, Firefox or Safari.';
        phase.value = 'failed';
      });
      return;
    }
    phase.value = 'ready';
    if (!pauseReason.value) await video.play().catch(() => undefined); // autoplay may be refused: the play button remains
  }

  async function heartbeat(): Promise<void> {
    const current = session.value;
    if (!current || stopped()) return;
    try {
      const beat = await port.api.heartbeat(current.sessionId, position.value);
      token = await port.idToken(); // ID tokens live an hour; keep hls.js on a fresh one
      if (beat.renewed) {
        session.value = { ...current, expiresAtMs: beat.expiresAtMs };
        await loadMedia(position.value); // the playlist now carries freshly signed URLs
      }
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 404)) refuse(error);
      // Network trouble: the next beat tries again; the media keeps playing meanwhile.
    }
  }

  function bindVideo(video: HTMLVideoElement): Cleanup {
    const on = (type: string, listener: () => void) => {
      video.addEventListener(type, listener);
      return () => video.removeEventListener(type, listener);
    };
    const offs = [
      on('play', () => {
        // Playing while a sticky reason or a refusal holds (e.g. video.play() from the console) is undone.
        if (pauseReason.value === 'tampered' || stopped()) video.pause();
      }),
      on('playing', () => batch(() => ((playing.value = true), (buffering.value = false)))),
      on('pause', () => {
        playing.value = false;
        port.resume.set(video.currentTime);
      }),
      on('waiting', () => (buffering.value = true)),
      on('ended', () => {
        playing.value = false;
        port.resume.set(0);
      }),
      on('seeking', () => {
        // A jump is the viewer choosing a spot: keep it even if they leave before it has loaded.
        lastSaved = video.currentTime;
        port.resume.set(video.currentTime);
      }),
      on('timeupdate', () => {
        position.value = video.currentTime;
        if (Math.abs(video.currentTime - lastSaved) >= 5) {
          lastSaved = video.currentTime;
          port.resume.set(video.currentTime);
        }
      }),
      on('durationchange', () => (duration.value = Number.isFinite(video.duration) ? video.duration : 0)),
      on('loadedmetadata', () => {
        duration.value = Number.isFinite(video.duration) ? video.duration : 0;
      }),
      on('ratechange', () => (rate.value = video.playbackRate)),
      on('volumechange', () => batch(() => ((volume.value = video.volume), (muted.value = video.muted)))),
    ];
    return () => offs.forEach((off) => off());
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
      sessionCleanups = [installWatermark(watermark, container, opened.watermark, () => pauseFor('tampered')), () => clearInterval(beat)];
      const saved = resumeAt(port.resume.get(), 0);
      resumedFrom.value = saved;
      await loadMedia(saved ?? 0);
    } catch (error) {
      if (mine === opening && els) refuse(error); // includes a player chunk that failed to load
    }
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
    attach(elements) {
      els = elements;
      const ticker = setInterval(() => (clock.value = Date.now()), 500);
      const hooks = { pause: pauseFor };
      cleanups = [() => clearInterval(ticker), bindVideo(elements.video), installDeterrents(elements.container, hooks), guardCaptureStream(elements.video, hooks)];
      void open();
      return () => {
        attempt++;
        opening++;
        if (els) port.resume.set(els.video.currentTime);
        [...cleanups, ...sessionCleanups].forEach((cleanup) => cleanup());
        cleanups = [];
        sessionCleanups = [];
        teardownMedia();
        els = null;
      };
    },
    togglePlay() {
      const video = els?.video;
      if (!video || stopped()) return;
      if (video.paused) {
        if (pauseReason.value && !canResume(pauseReason.value)) return;
        pauseReason.value = null;
        void video.play().catch(() => undefined);
      } else video.pause();
    },
    seek(seconds) {
      if (els && Number.isFinite(seconds)) els.video.currentTime = Math.max(0, Math.min(seconds, duration.value || seconds));
    },
    skip(delta) {
      if (els) this.seek(els.video.currentTime + delta);
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
      this.seek(0);
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

/** Where this viewer stopped in this recording (localStorage; per user and recording). */
export function localResumeStore(uid: string, recordingId: string, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): ResumeStore {
  const key = `lv.resume.${uid}.${recordingId}`;
  return {
    get() {
      const value = Number(storage.getItem(key));
      return storage.getItem(key) === null || !Number.isFinite(value) ? null : value;
    },
    set(seconds) {
      try {
        storage.setItem(key, String(Math.floor(seconds)));
      } catch {
        /* storage full or disabled: resuming is a convenience */
      }
    },
  };
}
