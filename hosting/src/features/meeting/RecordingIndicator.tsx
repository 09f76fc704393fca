// The persistent red "Recording in progress" indicator with its timer, and the line that says the
// state is stale. Embeddable: give it the recording control model of the meeting.
import { formatClock } from '../../ui/format-derive';
import type { RecordingControlModel } from './recording-control-model';
import './meeting.css';

export function RecordingIndicator({ model }: { model: RecordingControlModel }) {
  const recording = model.recording.value;
  if (!recording || !model.live.value) return null;
  const stopping = recording.status === 'stopping';
  const label =
    recording.status === 'starting'
      ? 'Recording starting…'
      : stopping
        ? 'Recording in progress · stopping…'
        : 'Recording in progress';
  return (
    <div class="rec-indicator" role="status" aria-live="polite">
      <span class={`rec-dot${recording.status === 'recording' ? '' : ' rec-dot-still'}`} aria-hidden="true" />
      <span class="rec-label">{label}</span>
      <span class="rec-timer" aria-label="Recording time">
        {formatClock(model.elapsedSeconds.value)}
      </span>
    </div>
  );
}

/** After loading, a poll failed or the pushed state is out of reach: what is shown may be stale (never "not recording"). */
export function ConnectionLost() {
  return (
    <p class="rec-warning" role="status">
      Connection to LectureVault lost; retrying…
    </p>
  );
}
