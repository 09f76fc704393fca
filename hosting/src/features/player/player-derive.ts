// Pure rules of the player: what a refusal means to the viewer, where the watermark goes next,
// whether to resume, which key does what. No DOM, no hls.js: unit-tested in hosting/test.
import { ApiError } from '../../api/http-api';
import type { PlaybackRefusalCode } from '../../api/wire';

export type Refusal = {
  readonly kind: 'no-access' | 'revoked' | 'replaced' | 'expired' | 'not-found' | 'signed-out' | 'unavailable';
  readonly title: string;
  readonly text: string;
  /** Worth a "Try again" button (network or server trouble), as opposed to a decision. */
  readonly retryable: boolean;
};

/** An API refusal (session, heartbeat) in the viewer's words. */
export function describeRefusal(error: unknown): Refusal {
  if (error instanceof ApiError) {
    const code = error.code as PlaybackRefusalCode;
    if (code === 'session-replaced')
      return {
        kind: 'replaced',
        title: 'Playing elsewhere',
        text: 'You started watching on another device or tab; this one was stopped.',
        retryable: false,
      };
    if (code === 'access-revoked')
      return {
        kind: 'revoked',
        title: 'Access revoked',
        text: 'Your access to this recording was revoked.',
        retryable: false,
      };
    if (code === 'recording-expired')
      return {
        kind: 'expired',
        title: 'Recording expired',
        text: 'This recording has expired and can no longer be watched.',
        retryable: false,
      };
    if (error.status === 404 || code === 'not-found')
      return {
        kind: 'not-found',
        title: 'Recording not found',
        text: 'This recording does not exist or was deleted.',
        retryable: false,
      };
    if (error.status === 401)
      return {
        kind: 'signed-out',
        title: 'Signed out',
        text: 'Your session ended. Sign in again to keep watching.',
        retryable: false,
      };
    if (error.status === 403)
      return {
        kind: 'no-access',
        title: 'No access',
        text: "You don't have access to this recording.",
        retryable: false,
      };
  }
  // Offline, or too many sessions opened in a minute (the server says how long to wait).
  const text =
    error instanceof ApiError && (error.status === 0 || error.status === 429)
      ? error.message
      : 'LectureVault could not start playback. Please try again.';
  return { kind: 'unavailable', title: 'Playback unavailable', text, retryable: true };
}

// Refusal statuses: three sets, one per decision (what hls.js must not retry, what the player asks
// the API about, which heartbeat answers end playback). They differ on 404 and 429 on purpose.

/** Media answers that are decisions, not glitches: retrying only repeats them, so hls.js must not. */
export const NO_RETRY_STATUSES: readonly number[] = [401, 403, 404, 429];

/**
 * Media refusals worth asking the API about (a heartbeat runs the same access check): access may
 * have ended, or only a URL or the token expired. A 404 is no access question (the playlist is not
 * ready yet): it fails as a load error, with Try again.
 */
const ASK_WHY_STATUSES: readonly number[] = [401, 403];

/** The key endpoint's rate limit (one key per 30 s per viewer): wait it out, then reload. */
const RATE_LIMITED = 429;

/** Heartbeat answers that end playback. A 429 or a server error is not one: the next beat retries. */
const ENDING_STATUSES: readonly number[] = [401, 403, 404];

export type MediaRefusal = 'ask-why' | 'wait';

/** What a media request's HTTP status asks of the player; null for a plain load error (or none). */
export function mediaRefusal(status: number | undefined): MediaRefusal | null {
  if (status === RATE_LIMITED) return 'wait';
  return status !== undefined && ASK_WHY_STATUSES.includes(status) ? 'ask-why' : null;
}

/** A failed heartbeat that ends playback (signed out, refused, session or recording gone). */
export function heartbeatEndsPlayback(error: unknown): boolean {
  return error instanceof ApiError && ENDING_STATUSES.includes(error.status);
}

export type PauseReason = 'background' | 'devtools' | 'capture' | 'tampered';

const PAUSE_TEXT: Readonly<Record<PauseReason, string>> = {
  background: 'Playback paused while LectureVault is in the background.',
  devtools: 'Developer tools are open — playback paused. Close them to continue.',
  capture: 'Screen recording detected — playback paused.',
  tampered: 'The watermark was tampered with — playback paused. Reload the page to continue.',
};

export function pauseText(reason: PauseReason): string {
  return PAUSE_TEXT[reason];
}

/** Tampering ends the session on this page; the others can be resumed by the viewer. */
export function canResume(reason: PauseReason): boolean {
  return reason !== 'tampered';
}

/**
 * A random spot for the watermark, in % of the video box (and of the mark itself: the mark is
 * translated by the same %, so at 95 % its right edge is 95 % across and it never spills out).
 */
export function nextWatermarkSpot(random: () => number, previous?: { x: number; y: number }): { x: number; y: number } {
  for (let attempt = 0; ; attempt++) {
    const spot = { x: Math.round(5 + random() * 90), y: Math.round(5 + random() * 75) };
    // Move far enough that a crop of the old position is useless.
    if (!previous || attempt >= 5 || Math.abs(spot.x - previous.x) + Math.abs(spot.y - previous.y) >= 15) return spot;
  }
}

/** Resume where the viewer left off, unless that was the very start or the very end. */
export function resumeAt(savedSeconds: number | null, durationSeconds: number): number | null {
  if (savedSeconds === null || !Number.isFinite(savedSeconds) || savedSeconds < 10) return null;
  if (durationSeconds > 0 && savedSeconds > durationSeconds - 10) return null;
  return Math.floor(savedSeconds);
}

/**
 * Where the player opens: a deep link's second exactly (a link names a moment, so even one under 10 s
 * counts; 0 is the beginning), otherwise where the viewer left off.
 */
export function openingPosition(linkedSeconds: number | null | undefined, savedSeconds: number | null): number | null {
  if (linkedSeconds === null || linkedSeconds === undefined || !Number.isFinite(linkedSeconds) || linkedSeconds < 0)
    return resumeAt(savedSeconds, 0);
  return linkedSeconds > 0 ? Math.floor(linkedSeconds) : null;
}

export const SPEEDS = [0.75, 1, 1.25, 1.5, 2] as const;

export function stepSpeed(current: number, direction: 1 | -1): number {
  const index = SPEEDS.findIndex((s) => s >= current);
  const from = index === -1 ? SPEEDS.length - 1 : index;
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, from + direction))]!;
}

export type KeyAction = 'toggle-play' | 'back-10' | 'forward-10' | 'fullscreen' | 'mute' | 'slower' | 'faster';

/** Player keyboard shortcuts (YouTube-like). Returns null for keys the player leaves alone. */
export function keyAction(key: string, modifiers: { ctrl: boolean; meta: boolean; alt: boolean }): KeyAction | null {
  if (modifiers.ctrl || modifiers.meta || modifiers.alt) return null;
  switch (key) {
    case ' ':
    case 'k':
    case 'K':
      return 'toggle-play';
    case 'j':
    case 'J':
    case 'ArrowLeft':
      return 'back-10';
    case 'l':
    case 'L':
    case 'ArrowRight':
      return 'forward-10';
    case 'f':
    case 'F':
      return 'fullscreen';
    case 'm':
    case 'M':
      return 'mute';
    case '<':
      return 'slower';
    case '>':
      return 'faster';
    default:
      return null;
  }
}

/** Browser shortcuts that save or inspect the page; blocked while the player is open. */
export function isBlockedShortcut(key: string, modifiers: { ctrl: boolean; meta: boolean; shift: boolean }): boolean {
  const k = key.toLowerCase();
  if (key === 'F12') return true;
  const command = modifiers.ctrl || modifiers.meta;
  if (command && (k === 's' || k === 'u' || k === 'p')) return true;
  return command && modifiers.shift && (k === 'i' || k === 'j' || k === 'c');
}

// Browser zoom (Chrome, Edge, Firefox) also shrinks the viewport in CSS px against the window, by
// the zoom factor, and shows in devicePixelRatio (= screen scale × zoom); docked DevTools shrink it
// without touching the ratio. So a gap is forgiven when a zoom level the browsers offer, paired
// with a screen scale that exists, explains it. At 125 % on a 1× screen: DPR 1.25, zoom 1.25.
const ZOOM_LEVELS = [1, 1.1, 1.2, 1.25, 1.33, 1.5, 1.7, 1.75, 2, 2.4, 2.5, 3, 4, 5];
const SCREEN_SCALES = [1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4];
const DEVTOOLS_GAP_PX = 160;

/**
 * How the player goes full screen: the player box (video, watermark, controls) where the browser
 * allows element full screen; on iPhone, which allows it only for a video, the video's own.
 */
export function fullscreenMethod(support: { element: boolean; video: boolean }): 'element' | 'video' | null {
  if (support.element) return 'element';
  return support.video ? 'video' : null;
}

/** Docked developer tools shrink the viewport against the window; undocked ones cannot be seen. */
export function devToolsLikelyOpen(
  outer: { width: number; height: number },
  inner: { width: number; height: number },
  devicePixelRatio = 1,
): boolean {
  const zooms = ZOOM_LEVELS.filter((zoom) =>
    SCREEN_SCALES.some((scale) => Math.abs(scale * zoom - devicePixelRatio) < 0.02),
  );
  const explained = (zoom: number) =>
    outer.width - inner.width * zoom <= DEVTOOLS_GAP_PX && outer.height - inner.height * zoom <= DEVTOOLS_GAP_PX;
  return !explained(1) && !zooms.some(explained);
}
