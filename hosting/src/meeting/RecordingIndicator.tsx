// The persistent red "Recording in progress" indicator with its timer. Embeddable: give it the
// recording control model of the meeting.
import { formatClock } from '../models/recording-derive';
import type { RecordingControlModel } from '../models/recording-control-model';
import './meeting.css';

export function RecordingIndicator({ model }: { model: RecordingControlModel }) {
  const recording = model.recording.value;
  if (!recording || !model.live.value) return null;
  const stopping = recording.status === 'stopping';
  return (
    <div class="rec-indicator" role="status" aria-live="polite">
      <span class={`rec-dot${stopping ? ' rec-dot-still' : ''}`} aria-hidden="true" />
      <span class="rec-label">{stopping ? 'Recording in progress · stopping…' : 'Recording in progress'}</span>
      <span class="rec-timer" aria-label="Recording time">
        {formatClock(model.elapsedSeconds.value)}
      </span>
    </div>
  );
}
