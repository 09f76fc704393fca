// The protected player: video, moving watermark, custom controls, and the overlays that explain a
// pause or a refusal. Renders the player model's signals; the model does the work.
import { useEffect, useRef } from 'preact/hooks';
import { Spinner } from '../../ui/StatusPanels';
import { RequestAccess } from '../../ui/RequestAccess';
import { REQUESTABLE_REFUSALS } from '../../ui/request-access-derive';
import { formatClock } from '../../ui/format-derive';
import { fullscreenMethod, keyAction, pauseText, canResume, SPEEDS } from './player-derive';
import type { PlayerModel } from './player-model';
import { QualityMenu } from './QualityMenu';
import { fillScreenWhenTurned } from './landscape';
import './player.css';
import { CaptionsButton, CaptionText } from './CaptionsControls';
import type { CaptionsModel } from './captions-model';

function Overlay({
  model,
  homeHref,
  requestAccess,
}: {
  model: PlayerModel;
  homeHref: string;
  requestAccess?: () => Promise<void>;
}) {
  const phase = model.phase.value;
  const refusal = model.refusal.value;
  if (phase === 'refused' && refusal) {
    return (
      <div class="player-overlay player-refusal" role="alert">
        <h2>{refusal.title}</h2>
        <p>{refusal.text}</p>
        {requestAccess && REQUESTABLE_REFUSALS.has(refusal.kind) ? <RequestAccess request={requestAccess} /> : null}
        <a class="button" href={homeHref}>
          Back to LectureVault
        </a>
      </div>
    );
  }
  if (phase === 'failed') {
    return (
      <div class="player-overlay" role="alert">
        <h2>Playback stopped</h2>
        <p>{model.failure.value}</p>
        <button type="button" class="button button-primary" onClick={() => model.retry()}>
          Try again
        </button>
      </div>
    );
  }
  const wait = model.waitSeconds.value;
  if (wait > 0) {
    return (
      <div class="player-overlay" role="status">
        <Spinner />
        <p>Too many requests for this video. Retrying in {wait} s…</p>
      </div>
    );
  }
  const reason = model.pauseReason.value;
  if (reason) {
    return (
      <div class="player-overlay" role="alert">
        <p>{pauseText(reason)}</p>
        {canResume(reason) ? (
          <button type="button" class="button button-primary" onClick={() => model.resume()}>
            Resume
          </button>
        ) : null}
      </div>
    );
  }
  if (phase === 'opening' || model.buffering.value) {
    return (
      <div class="player-overlay player-overlay-quiet" role="status">
        <Spinner />
        <span class="visually-hidden">Loading video…</span>
      </div>
    );
  }
  return null;
}

// Inline icons: emoji glyphs are missing from many system fonts.
const ICONS = {
  play: 'M8 5v14l11-7z',
  pause: 'M6 5h4v14H6zM14 5h4v14h-4z',
  back: 'M12 5V2L7 6l5 4V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z',
  forward: 'M12 5V2l5 4-5 4V7a6 6 0 1 0 6 6h2a8 8 0 1 1-8-8z',
  volume: 'M4 9v6h4l5 4V5L8 9zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4z',
  muted:
    'M4 9v6h4l5 4V5L8 9zm12.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z',
  fullscreen: 'M4 4h6v2H6v4H4zm10 0h6v6h-2V6h-4zM4 14h2v4h4v2H4zm14 0h2v6h-6v-2h4z',
} as const;

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}

function Controls({
  model,
  onFullscreen,
  captions,
}: {
  model: PlayerModel;
  onFullscreen: () => void;
  captions?: CaptionsModel;
}) {
  const duration = model.duration.value;
  const position = model.position.value;
  const disabled = model.phase.value !== 'ready';
  return (
    <div class="player-controls">
      <button
        type="button"
        class="ctl"
        onClick={() => model.togglePlay()}
        disabled={disabled}
        aria-label={model.playing.value ? 'Pause (k)' : 'Play (k)'}
      >
        <Icon name={model.playing.value ? 'pause' : 'play'} />
      </button>
      <button
        type="button"
        class="ctl"
        onClick={() => model.skip(-10)}
        disabled={disabled}
        aria-label="Back 10 seconds (j)"
      >
        <Icon name="back" />
      </button>
      <button
        type="button"
        class="ctl"
        onClick={() => model.skip(10)}
        disabled={disabled}
        aria-label="Forward 10 seconds (l)"
      >
        <Icon name="forward" />
      </button>
      <input
        class="seek"
        type="range"
        min={0}
        max={Math.max(1, Math.floor(duration))}
        step={1}
        value={Math.floor(position)}
        disabled={disabled}
        aria-label="Seek"
        aria-valuetext={`${formatClock(position)} of ${formatClock(duration)}`}
        onInput={(event) => model.seek(Number((event.target as HTMLInputElement).value))}
      />
      <span class="time" aria-hidden="true">
        {formatClock(position)} / {formatClock(duration)}
      </span>
      <select
        class="ctl-select"
        aria-label="Playback speed"
        value={String(model.rate.value)}
        onChange={(event) => model.setRate(Number((event.target as HTMLSelectElement).value))}
      >
        {SPEEDS.map((speed) => (
          <option key={speed} value={String(speed)}>
            {speed}×
          </option>
        ))}
      </select>
      <CaptionsButton captions={captions} />
      <QualityMenu model={model} />
      <button
        type="button"
        class="ctl"
        onClick={() => model.toggleMute()}
        aria-label={model.muted.value ? 'Unmute (m)' : 'Mute (m)'}
      >
        <Icon name={model.muted.value || model.volume.value === 0 ? 'muted' : 'volume'} />
      </button>
      <input
        class="volume"
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={model.muted.value ? 0 : model.volume.value}
        aria-label="Volume"
        onInput={(event) => model.setVolume(Number((event.target as HTMLInputElement).value))}
      />
      <button type="button" class="ctl" onClick={onFullscreen} aria-label="Full screen (f)">
        <Icon name="fullscreen" />
      </button>
    </div>
  );
}

/**
 * homeHref: the app's home; a widget (src/embed/) points it at our origin instead. requestAccess:
 * what "Request access" on a refusal a grant lifts does (ui/RequestAccess.tsx); absent, none.
 */
export function Player({
  model,
  title,
  homeHref = '#/',
  captions,
  requestAccess,
}: {
  model: PlayerModel;
  title: string;
  homeHref?: string;
  captions?: CaptionsModel;
  requestAccess?: () => Promise<void>;
}) {
  const container = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const watermark = useRef<HTMLDivElement>(null);

  useEffect(
    () => model.attach({ container: container.current!, video: video.current!, watermark: watermark.current! }),
    [model],
  );
  useEffect(() => captions?.attach(video.current!, container.current!), [captions]);
  useEffect(() => fillScreenWhenTurned(container.current!), []);

  function fullscreen() {
    const box = container.current as (HTMLElement & { webkitRequestFullscreen?: () => void }) | null;
    const element = video.current as (HTMLVideoElement & { webkitEnterFullscreen?: () => void }) | null;
    if (!box || !element) return;
    if (document.fullscreenElement) return void document.exitFullscreen();
    const method = fullscreenMethod({
      element: typeof box.requestFullscreen === 'function' || typeof box.webkitRequestFullscreen === 'function',
      video: typeof element.webkitEnterFullscreen === 'function',
    });
    if (method === 'element') {
      if (typeof box.requestFullscreen === 'function') void box.requestFullscreen().catch(() => undefined);
      else box.webkitRequestFullscreen!();
    }
    // iPhone: the system's video full screen shows the video alone, without our watermark.
    if (method === 'video') element.webkitEnterFullscreen!();
  }

  function onKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (
      target.tagName === 'SELECT' ||
      (target.tagName === 'INPUT' && (event.key === 'ArrowLeft' || event.key === 'ArrowRight'))
    )
      return;
    if (target.tagName === 'BUTTON' && (event.key === ' ' || event.key === 'Enter')) return;
    if (event.key === 'c' && captions && !event.ctrlKey && !event.metaKey && !event.altKey) return captions.toggle();
    const action = keyAction(event.key, { ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey });
    if (!action) return;
    event.preventDefault();
    switch (action) {
      case 'toggle-play':
        return model.togglePlay();
      case 'back-10':
        return model.skip(-10);
      case 'forward-10':
        return model.skip(10);
      case 'fullscreen':
        return fullscreen();
      case 'mute':
        return model.toggleMute();
      case 'slower':
        return model.stepRate(-1);
      case 'faster':
        return model.stepRate(1);
    }
  }

  const resumed = model.resumedFrom.value;
  return (
    <div class="player-wrap">
      <div
        ref={container}
        class="player"
        tabIndex={0}
        onKeyDown={onKeyDown}
        role="region"
        aria-label={`Video player: ${title}`}
      >
        <video
          ref={video}
          class="player-video"
          playsInline
          disablePictureInPicture
          disableRemotePlayback
          controlsList="nodownload noremoteplayback noplaybackrate"
          onClick={() => model.togglePlay()}
        />
        <div ref={watermark} class="watermark" aria-hidden="true" />
        <CaptionText captions={captions} />
        <Overlay model={model} homeHref={homeHref} requestAccess={requestAccess} />
        <Controls model={model} onFullscreen={fullscreen} captions={captions} />
      </div>
      {resumed !== null ? (
        <p class="muted resume-note" role="status">
          Resumed at {formatClock(resumed)}.{' '}
          <button type="button" class="link-button" onClick={() => model.startOver()}>
            Start over
          </button>
        </p>
      ) : null}
      <p class="muted player-help">
        Shortcuts: space/k play · j/l or ←/→ 10 s · f full screen · m mute · c captions · &lt;/&gt; speed
      </p>
    </div>
  );
}
