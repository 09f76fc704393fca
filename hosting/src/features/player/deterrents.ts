// Capture deterrents around the player. Each install returns its own cleanup, so unmounting the
// player leaves the page (and navigator.mediaDevices) exactly as it found them. These deter and
// record intent; they cannot stop a determined viewer with a camera (see docs/web-app.md).
import type { BackgroundPause } from '../../api/playback-api';
import { devToolsLikelyOpen, isBlockedShortcut, type PauseReason } from './player-derive';

export type Cleanup = () => void;

export interface DeterrentHooks {
  /** Something happened that must pause playback. */
  pause(reason: PauseReason): void;
}

function blockContextMenu(container: HTMLElement): Cleanup {
  const stop = (event: Event) => event.preventDefault();
  container.addEventListener('contextmenu', stop);
  container.addEventListener('dragstart', stop);
  return () => {
    container.removeEventListener('contextmenu', stop);
    container.removeEventListener('dragstart', stop);
  };
}

function blockShortcuts(): Cleanup {
  const onKey = (event: KeyboardEvent) => {
    if (isBlockedShortcut(event.key, { ctrl: event.ctrlKey, meta: event.metaKey, shift: event.shiftKey })) {
      event.preventDefault();
      event.stopPropagation();
    }
  };
  window.addEventListener('keydown', onKey, true);
  return () => window.removeEventListener('keydown', onKey, true);
}

/** Checked every second: while DevTools look open, playback stays paused. */
function watchDevTools(hooks: DeterrentHooks): Cleanup {
  const check = () => {
    if (document.fullscreenElement) return; // fullscreen changes the window/viewport relation
    if (
      devToolsLikelyOpen(
        { width: window.outerWidth, height: window.outerHeight },
        { width: window.innerWidth, height: window.innerHeight },
        window.devicePixelRatio,
      )
    ) {
      hooks.pause('devtools');
    }
  };
  const timer = setInterval(check, 1000);
  check();
  return () => clearInterval(timer);
}

/**
 * The admin's tab-switch policy (it comes with the playback session). A hidden tab is a viewer who
 * went elsewhere; a blur is also a viewer taking notes in another app beside the video, so pausing
 * on blur is opt-in.
 */
export function pauseInBackground(policy: BackgroundPause, hooks: DeterrentHooks): Cleanup {
  if (policy === 'off') return () => undefined;
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') hooks.pause('background');
  };
  const onBlur = () => hooks.pause('background');
  document.addEventListener('visibilitychange', onVisibility);
  if (policy === 'hidden-or-blur') window.addEventListener('blur', onBlur);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('blur', onBlur);
  };
}

/** Any screen capture started from this page (or a script injected into it) pauses playback. */
function detectScreenCapture(hooks: DeterrentHooks): Cleanup {
  const devices = navigator.mediaDevices as
    (MediaDevices & { getDisplayMedia?: MediaDevices['getDisplayMedia'] }) | undefined;
  if (!devices?.getDisplayMedia) return () => undefined;
  const original = devices.getDisplayMedia;
  const wrapped: MediaDevices['getDisplayMedia'] = function (this: MediaDevices, ...args) {
    hooks.pause('capture');
    return original.apply(this, args);
  };
  devices.getDisplayMedia = wrapped;
  return () => {
    if (devices.getDisplayMedia === wrapped) devices.getDisplayMedia = original;
  };
}

export function installDeterrents(container: HTMLElement, hooks: DeterrentHooks): Cleanup {
  const cleanups = [blockContextMenu(container), blockShortcuts(), watchDevTools(hooks), detectScreenCapture(hooks)];
  return () => cleanups.forEach((cleanup) => cleanup());
}

/** captureStream() on the video is the page-side way to record it: treat a call as capture. */
export function guardCaptureStream(video: HTMLVideoElement, hooks: DeterrentHooks): Cleanup {
  const target = video as HTMLVideoElement & { captureStream?: () => MediaStream };
  if (typeof target.captureStream !== 'function') return () => undefined;
  const original = target.captureStream;
  target.captureStream = function (this: HTMLVideoElement) {
    hooks.pause('capture');
    return original.call(this);
  };
  return () => {
    delete (target as { captureStream?: unknown }).captureStream; // back to the prototype's
  };
}
