// One recording in the Recordings table, with the actions the caller's role allows: watch,
// download, and for admins manage access, set expiry and delete (with a confirmation).
import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import type { RecordingSummary } from '../../api/recordings-api';
import { useApp } from '../../app/app-context';
import { dateInputValue, endOfDayMs, formatBytes, formatClock, formatDate } from '../../ui/format-derive';
import { createActionRunner } from '../../ui/action-model';
import { statusLabel } from '../../ui/recording-status';
import { routeHref } from '../../app/routes';
import type { AdminApi } from '../../api/admin-api';
import { selectedRecordingId } from '../../app/selection';
import { RecordingTitle } from './RecordingTitle';

/**
 * Follows a one-time download link as a form POST navigation carrying its proof (the ID token
 * that minted it): the browser saves the stream to disk with its own progress, and the token
 * travels in the body, never in a URL. The link may be on another origin (the downloads
 * function's own URL in production); CSP form-action names it.
 */
function followDownload({ url, proof }: { url: string; proof: string }): void {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = url;
  form.hidden = true;
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = 'idToken';
  field.value = proof;
  form.append(field);
  document.body.append(form);
  form.submit();
  form.remove();
}

export function RecordingRow({
  recording,
  admin,
  api,
  onChanged,
  announce,
}: {
  recording: RecordingSummary;
  admin: boolean;
  api: AdminApi;
  onChanged: () => unknown;
  announce: (message: string) => unknown;
}) {
  const { router } = useApp();
  const runner = useMemo(() => createActionRunner(announce, onChanged), [announce, onChanged]);
  const { busy, run } = runner;
  const confirmingDelete = useSignal(false);
  const expiry = useSignal(dateInputValue(recording.expiryOverrideMs));
  const watchable =
    recording.status === 'ready' || recording.status === 'incomplete' || recording.status === 'recording';

  const download = () =>
    run('download', async () => {
      followDownload(await api.downloadLink(recording.id));
      return `Downloading “${recording.title}”: your browser saves the file.`;
    });

  return (
    <tr data-recording={recording.id}>
      <td data-label="Title">
        <RecordingTitle recording={recording} runner={runner} />
      </td>
      <td data-label="Recorded">{formatDate(recording.createdAtMs)}</td>
      <td data-label="Status">
        <span class={`status status-${recording.status}`}>{statusLabel(recording.status, recording.reason)}</span>
      </td>
      <td data-label="Length">{formatClock(recording.durationSeconds)}</td>
      {admin ? <td data-label="Size">{formatBytes(recording.storedBytes ?? 0)}</td> : null}
      {admin ? (
        <td data-label="Removed on">
          {recording.expiresAtMs ? new Date(recording.expiresAtMs).toLocaleDateString() : '—'}
        </td>
      ) : null}
      <td data-label="Actions">
        <div class="row-actions">
          {watchable ? (
            <a class="button button-small" href={routeHref({ name: 'watch', recordingId: recording.id })}>
              Watch
            </a>
          ) : null}
          {recording.canDownload && recording.status !== 'failed' ? (
            <button type="button" class="button button-small" onClick={download} disabled={busy.value !== null}>
              {busy.value === 'download' ? 'Downloading…' : 'Download'}
            </button>
          ) : null}
          <button
            type="button"
            class="button button-small"
            onClick={() => {
              selectedRecordingId.value = recording.id;
              router.navigate({ name: 'home', section: 'attendance' });
            }}
          >
            Viewers
          </button>
          <button
            type="button"
            class="button button-small"
            onClick={() => {
              selectedRecordingId.value = recording.id;
              router.navigate({ name: 'home', section: 'captions' });
            }}
          >
            Captions
          </button>
          {admin ? (
            <>
              <button
                type="button"
                class="button button-small"
                onClick={() => {
                  selectedRecordingId.value = recording.id;
                  router.navigate({ name: 'home', section: 'access' });
                }}
              >
                Access
              </button>
              <form
                class="expiry-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  const at = endOfDayMs(expiry.value);
                  void run('set the expiry', async () => {
                    await api.setExpiry(recording.id, at);
                    return at
                      ? `“${recording.title}” now expires on ${new Date(at).toLocaleDateString()}.`
                      : 'Expiry cleared: the retention policy applies.';
                  });
                }}
              >
                <label class="visually-hidden" for={`expiry-${recording.id}`}>
                  Expiry date for the recording of {formatDate(recording.createdAtMs)}
                </label>
                <input
                  id={`expiry-${recording.id}`}
                  type="date"
                  value={expiry.value}
                  onInput={(e) => (expiry.value = (e.target as HTMLInputElement).value)}
                />
                <button
                  type="submit"
                  class="button button-small"
                  disabled={busy.value !== null || (!expiry.value && recording.expiryOverrideMs === null)}
                >
                  {expiry.value ? 'Set expiry' : 'Clear expiry'}
                </button>
              </form>
              {confirmingDelete.value ? (
                <span class="confirm" role="group" aria-label="Confirm delete">
                  <span>Delete permanently?</span>
                  <button
                    type="button"
                    class="button button-small button-danger"
                    disabled={busy.value !== null}
                    onClick={() =>
                      run('delete', async () => {
                        await api.deleteRecording(recording.id);
                        return `Deleted the recording of “${recording.title}” from ${formatDate(recording.createdAtMs)}.`;
                      })
                    }
                  >
                    Yes, delete
                  </button>
                  <button type="button" class="button button-small" onClick={() => (confirmingDelete.value = false)}>
                    Cancel
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => (confirmingDelete.value = true)}
                  disabled={busy.value !== null}
                >
                  Delete
                </button>
              )}
            </>
          ) : null}
        </div>
      </td>
    </tr>
  );
}
