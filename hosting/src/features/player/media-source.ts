// Media source: plays a session's playlist into the video through hls.js (MSE, including iOS 17.1+
// ManagedMediaSource) or the browser's native HLS, with the retry policy that leaves refusals to
// the player model instead of retrying them.
import type HlsType from 'hls.js';
import type { LoaderConfig, LoaderResponse, RetryConfig } from 'hls.js';
import { DELIVERY_RECEIPT_HEADER } from '../../api/wire';
import { mediaRefusal, NO_RETRY_STATUSES, type MediaRefusal } from './player-derive';

export interface MediaEvents {
  /** A media request (playlist, key, segment) was refused: ask the API why, or wait out a rate limit. */
  refused(what: MediaRefusal): void;
  /** A load failure that neither hls.js nor a media-error recovery could get past. */
  failed(): void;
  /**
   * The native player stopped on an error. It reports no HTTP status, so a refused key or segment
   * looks like a network failure: the player asks the API why, and reloads if access still holds.
   */
  lost(): void;
}

export interface MediaOptions {
  readonly playlistUrl: string;
  /** Seconds; 0 plays from the start. */
  readonly startAt: number;
  /** The viewer's current ID token, read on every request (it is refreshed while playing). */
  readonly token: () => string | null;
  /** false: never the browser's native HLS (it needs our cookie, see PlayerPort.nativeHls). */
  readonly nativeHls: boolean;
  /** A segment arrived with its delivery receipt (watched time is credited from receipts only). */
  readonly delivered?: (receipt: string) => void;
  /** Throughput hls.js' Auto starts from, bits/s (the quality model's last measure). */
  readonly abrEstimate?: number;
  /** Sees each hls.js instance (the quality menu steers its levels); returns its own teardown. */
  readonly onHls?: (hls: HlsType, Hls: typeof HlsType) => () => void;
}

/** Stops hls.js loading; the caller resets the video element. */
export type StopMedia = () => void;

const noRetryOnRefusal = (
  _config: RetryConfig | null | undefined,
  count: number,
  _timeout: boolean,
  response: LoaderResponse | undefined,
  retry: boolean,
) => retry && count < 3 && !(response?.code && NO_RETRY_STATUSES.includes(response.code));

function policy(): { default: LoaderConfig } {
  const retry: RetryConfig = {
    maxNumRetry: 3,
    retryDelayMs: 1000,
    maxRetryDelayMs: 8000,
    shouldRetry: noRetryOnRefusal,
  };
  return { default: { maxTimeToFirstByteMs: 10_000, maxLoadTimeMs: 30_000, timeoutRetry: retry, errorRetry: retry } };
}

const STALL_MS = 2000;

function bufferedAhead(video: HTMLVideoElement, at: number): number {
  for (let i = 0; i < video.buffered.length; i++)
    if (video.buffered.start(i) <= at + 0.1 && at < video.buffered.end(i)) return video.buffered.end(i) - at;
  return 0;
}

/**
 * WebKit (Safari's engine) sometimes stops for good at readyState 1 right after hls.js seeks over
 * the small hole at the start of a lecture (in egress's MPEG-TS the audio starts ~20 ms before the
 * video): the seek never completes although the media is buffered. Nothing else moves it again;
 * a nudge inside the buffered range does. Acts only when playing is asked for, the element says it
 * lacks data for 2 s (seeking or not: the stuck seek never ends), and that data is in fact buffered
 * (a real wait for the network is hls.js's business).
 * The count is kept on the element for the browser tests.
 */
function recoverStalls(video: HTMLVideoElement): () => void {
  let last = -1;
  let since = Date.now();
  const timer = setInterval(() => {
    const at = video.currentTime;
    if (video.paused || video.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA || at !== last) {
      last = at;
      since = Date.now();
      return;
    }
    if (Date.now() - since < STALL_MS || bufferedAhead(video, at) < 0.5) return;
    video.dataset.stallRecoveries = String(Number(video.dataset.stallRecoveries ?? 0) + 1);
    video.currentTime = at + 0.05;
    since = Date.now();
  }, 500);
  return () => clearInterval(timer);
}

/** Starts loading; null when this browser plays no HLS at all. */
export function startMedia(
  Hls: typeof HlsType,
  video: HTMLVideoElement,
  options: MediaOptions,
  events: MediaEvents,
): StopMedia | null {
  const { playlistUrl, startAt, token, nativeHls, delivered, abrEstimate, onHls } = options;
  if (Hls.isSupported()) {
    const hls = new Hls({
      startPosition: startAt > 0 ? startAt : -1,
      // A short buffer keeps requests flowing, so a revocation is felt within seconds. hls.js grows
      // the buffer towards maxMaxBufferLength once a variant's BANDWIDTH is known (the multivariant
      // playlist gives it), so both are 10 s.
      maxBufferLength: 10,
      maxMaxBufferLength: 10,
      backBufferLength: 30,
      ...(abrEstimate ? { abrEwmaDefaultEstimate: abrEstimate } : {}),
      xhrSetup: (xhr) => {
        const current = token();
        if (current) xhr.setRequestHeader('Authorization', `Bearer ${current}`);
        xhr.addEventListener('load', () => {
          const receipt = xhr.status === 200 ? xhr.getResponseHeader(DELIVERY_RECEIPT_HEADER) : null;
          if (receipt) delivered?.(receipt);
        });
      },
      manifestLoadPolicy: policy(),
      playlistLoadPolicy: policy(),
      keyLoadPolicy: policy(),
      fragLoadPolicy: policy(),
    });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      const refusal = mediaRefusal(data.response?.code);
      if (refusal) return events.refused(refusal);
      if (!data.fatal) return;
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) return hls.recoverMediaError();
      events.failed();
    });
    const unbind = onHls?.(hls, Hls);
    hls.loadSource(playlistUrl);
    hls.attachMedia(video);
    const stopRecovering = recoverStalls(video);
    return () => {
      stopRecovering();
      unbind?.();
      hls.destroy();
    };
  }
  if (nativeHls && video.canPlayType('application/vnd.apple.mpegurl')) {
    // Safari without MSE: native HLS authenticates the key and segments with the session cookie.
    const seekToStart = () => (video.currentTime = startAt);
    const onError = () => events.lost();
    video.addEventListener('error', onError);
    if (startAt > 0) video.addEventListener('loadedmetadata', seekToStart, { once: true });
    video.src = playlistUrl;
    return () => {
      video.removeEventListener('error', onError);
      video.removeEventListener('loadedmetadata', seekToStart);
    };
  }
  return null;
}
