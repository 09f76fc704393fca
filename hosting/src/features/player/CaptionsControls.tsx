// The captions' parts of the player: the CC button beside volume (same menu level, Section 508
// 503.4.1; key c), the caption text drawn over the video, and the size and background choices.
import { BACKGROUND_LABELS, CAPTION_BACKGROUNDS, CAPTION_SIZES, SIZE_LABELS } from './caption-prefs';
import type { CaptionsModel } from './captions-model';
import './captions.css';

export function CaptionsButton({ captions }: { captions?: CaptionsModel }) {
  if (!captions || !captions.tracks.value.length) return null;
  const on = captions.prefs.value.on;
  return (
    <button
      type="button"
      class="ctl ctl-cc"
      aria-pressed={on}
      aria-label="CC: captions (c)"
      onClick={() => captions.toggle()}
    >
      <span aria-hidden="true">CC</span>
    </button>
  );
}

/** The cue on screen, above the controls; a live region would repeat every line to a screen reader, so it is not one. */
export function CaptionText({ captions }: { captions?: CaptionsModel }) {
  if (!captions) return null;
  const { on, size, background } = captions.prefs.value;
  const text = captions.text.value;
  if (!on || !text) return null;
  return (
    <div class={`caption-area caption-${size} caption-bg-${background}`} data-testid="caption-text">
      {text.split('\n').map((line, i) => (
        <span key={i} class="caption-line">
          {line}
        </span>
      ))}
    </div>
  );
}

export function CaptionSettings({ captions }: { captions: CaptionsModel }) {
  if (!captions.tracks.value.length) return null;
  const { size, background } = captions.prefs.value;
  return (
    <fieldset class="caption-settings">
      <legend>Caption style</legend>
      <label>
        Text size
        <select
          value={size}
          onChange={(e) => captions.choose({ size: (e.target as HTMLSelectElement).value as typeof size })}
        >
          {CAPTION_SIZES.map((s) => (
            <option key={s} value={s}>
              {SIZE_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Background
        <select
          value={background}
          onChange={(e) => captions.choose({ background: (e.target as HTMLSelectElement).value as typeof background })}
        >
          {CAPTION_BACKGROUNDS.map((b) => (
            <option key={b} value={b}>
              {BACKGROUND_LABELS[b]}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
