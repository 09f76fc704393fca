// The quality menu of the player's controls: Auto, data saver, each rung of the ladder, audio only
// (quality.ts owns the choice). A native select: reachable by Tab, opened and changed by the
// keyboard, named for screen readers, 44 px tall. Absent when there is nothing to choose (native
// HLS, which picks its rung itself, or a recording of one rung and no audio-only rung).
import { DATA_SAVER_HEIGHT, type QualityChoice } from './quality';
import type { PlayerModel } from './player-model';
import './quality.css';

export function QualityMenu({ model }: { model: PlayerModel }) {
  const { quality } = model;
  if (!quality.choosable.value) return null;
  const playing = quality.playingHeight.value;
  const choice = quality.choice.value;
  return (
    <select
      class="ctl-select quality-select"
      aria-label="Quality"
      value={choice}
      onChange={(event) => model.setQuality((event.target as HTMLSelectElement).value as QualityChoice)}
    >
      <option value="auto">{choice === 'auto' && playing ? `Auto (${playing}p)` : 'Auto'}</option>
      <option value="saver">Data saver (up to {DATA_SAVER_HEIGHT}p)</option>
      {quality.levels.value.map((level) => (
        <option key={level.index} value={`h${level.height}`}>
          {level.height}p
        </option>
      ))}
      {quality.hasAudio.value ? <option value="audio">Audio only</option> : null}
    </select>
  );
}
