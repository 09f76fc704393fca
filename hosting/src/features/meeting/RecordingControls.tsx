// Start / Stop / Force Stop for admins and the meeting's teacher, with the storage estimate,
// the empty-room confirmation and every refusal in words. Embeddable like the indicator.
import { useSignal } from '@preact/signals';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Spinner } from '../../ui/StatusPanels';
import { formatBytes, formatClock } from '../../ui/format-derive';
import { statusLabel } from '../../ui/recording-status';
import type { RecordingControlModel } from './recording-control-model';
import './meeting.css';

const LENGTHS = [1, 2, 3, 4, 6] as const;

function StartForm({ model }: { model: RecordingControlModel }) {
  const estimate = model.estimate.value;
  const busy = model.busy.value === 'start';
  return (
    <div class="rec-start">
      <div class="field field-inline">
        <label for="rec-length">Expected length</label>
        <select
          id="rec-length"
          value={String(model.expectedHours.value)}
          onChange={(event) => model.setExpectedHours(Number((event.target as HTMLSelectElement).value))}
        >
          {LENGTHS.map((hours) => (
            <option key={hours} value={String(hours)}>
              {hours} h
            </option>
          ))}
        </select>
      </div>
      {estimate ? (
        <p class="muted rec-estimate">
          About {formatBytes(estimate.estimatedBytes)} of storage; {formatBytes(estimate.freeBytes)} free.
        </p>
      ) : null}
      {estimate?.warnings.map((warning) => (
        <p key={warning} class="rec-warning">
          {warning}
        </p>
      ))}
      {model.confirmingEmptyRoom.value ? (
        <div class="rec-confirm" role="alertdialog" aria-labelledby="empty-room-title">
          <p id="empty-room-title">Nobody is in the room yet. Start recording anyway?</p>
          <div class="actions">
            <button type="button" class="button button-danger" onClick={() => model.start(true)} disabled={busy}>
              Start anyway
            </button>
            <button type="button" class="button" onClick={() => model.cancelEmptyRoom()}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="button button-danger rec-button" onClick={() => model.start()} disabled={busy}>
          {busy ? <Spinner /> : <span class="rec-dot rec-dot-still" aria-hidden="true" />}
          {busy ? 'Starting…' : 'Start recording'}
        </button>
      )}
    </div>
  );
}

function StopControls({ model }: { model: RecordingControlModel }) {
  const recording = model.recording.value!;
  const busy = model.busy.value;
  // A stop cannot be undone (a new start is a new recording): asked first.
  const confirming = useSignal(false);
  if (recording.status === 'stopping') {
    return (
      <div class="rec-stopping">
        <p role="status">
          <Spinner /> Stopping: saving the last segments…
        </p>
        {model.forceStopOffered.value ? (
          <>
            <p class="muted">
              The recording engine has not confirmed the stop after 30 s. Force Stop ends the recording now and keeps
              every segment already saved.
            </p>
            <button
              type="button"
              class="button button-danger"
              onClick={() => model.forceStop()}
              disabled={busy !== null}
            >
              {busy === 'force-stop' ? 'Force stopping…' : 'Force Stop'}
            </button>
          </>
        ) : null}
      </div>
    );
  }
  return (
    <>
      <button
        type="button"
        class="button rec-button"
        onClick={() => (confirming.value = true)}
        disabled={busy !== null}
        aria-haspopup="dialog"
      >
        {busy === 'stop' ? <Spinner /> : <span class="stop-square" aria-hidden="true" />}
        {busy === 'stop' ? 'Stopping…' : 'Stop recording'}
      </button>
      <ConfirmDialog
        open={confirming.value}
        title="Stop recording?"
        confirmLabel="Stop now"
        cancelLabel="Keep recording"
        onConfirm={() => {
          confirming.value = false;
          void model.stop();
        }}
        onCancel={() => (confirming.value = false)}
      >
        <p>The recording ends for everyone. Starting again makes a new recording.</p>
      </ConfirmDialog>
    </>
  );
}

/** Where "Watch" points: the app's own route, or (from a widget) the same route on our origin. */
export type WatchHref = (recordingId: string) => string;

const appWatchHref: WatchHref = (id) => `#/watch/${encodeURIComponent(id)}`;

export function RecordingControls({
  model,
  watchHref = appWatchHref,
}: {
  model: RecordingControlModel;
  watchHref?: WatchHref;
}) {
  const recording = model.recording.value;
  const error = model.actionError.value;
  return (
    <section class="rec-controls" aria-labelledby="rec-controls-title">
      <h2 id="rec-controls-title" class="section-title">
        Recording
      </h2>
      {model.live.value ? <StopControls model={model} /> : <StartForm model={model} />}
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {recording && !model.live.value ? (
        <p class="muted rec-last">
          Last recording: {statusLabel(recording.status, recording.reason)} · {formatClock(recording.elapsedSeconds)}
          {recording.status === 'ready' || recording.status === 'incomplete' ? (
            <>
              {' '}
              · <a href={watchHref(recording.id)}>Watch</a>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
