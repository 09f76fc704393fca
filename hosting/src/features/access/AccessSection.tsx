// Who may watch a recording and why; grant by email (works before the person ever signs in),
// remove a grant, revoke (revoke always wins, and cuts open playback sessions). Opened from a
// student's access request, the grant field already holds that student's email.
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { AccessList, Via } from '../../api/admin-api';
import '../../ui/console.css';
import './access.css';
import { grantCandidateUid, selectedRecordingId } from '../../app/selection';
import { PerRecording } from '../../ui/PerRecording';
import { Loaded } from '../../ui/Loaded';
import { useActionRunner } from '../../ui/use-action-runner';
import { useApp, type SectionProps } from '../../app/app-context';
import { createLoader } from '../../ui/loader-model';
import { Announcement } from '../../ui/StatusPanels';

const VIA_LABELS: Readonly<Record<Via, string>> = {
  admin: 'Admin',
  teacher: 'Teacher of the meeting',
  batch: 'Batch member',
  grant: 'Granted',
};

function AccessPanel({ recordingId }: { recordingId: string }) {
  const api = useApp().api.admin;
  const loader = useMemo(
    () => createLoader<AccessList>(() => api.access(recordingId), 'Could not load who can watch.'),
    [api, recordingId],
  );
  const email = useSignal('');
  // Opened from a student's access request (the alerts inbox): their email, ready to grant.
  useEffect(() => {
    const uid = grantCandidateUid.peek();
    if (!uid) return;
    grantCandidateUid.value = null;
    void api.people().then(
      (people) => (email.value = people.find((person) => person.uid === uid)?.email ?? email.value),
      () => undefined, // the field stays empty: the admin types the address
    );
  }, [api, email]);
  const { message, actions } = useActionRunner(loader);
  const run = (label: string, action: () => Promise<string>) =>
    actions.run(label, action, 'That did not work. Please try again.');
  const busy = actions.busy.value !== null;

  const grant = (address: string) =>
    run('grant', async () => {
      await api.grant(recordingId, address);
      return `${address} can now watch this recording.`;
    });
  const revoke = (address: string) =>
    run('revoke', async () => {
      const cut = await api.revoke(recordingId, address);
      return `${address} can no longer watch this recording${cut ? ` (${cut} open session${cut === 1 ? '' : 's'} stopped)` : ''}.`;
    });
  const removeGrant = (address: string) =>
    run('remove the grant', async () => {
      await api.removeGrant(recordingId, address);
      return `Grant for ${address} removed.`;
    });

  return (
    <div class="access-panel">
      <Announcement message={message} />
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const address = email.value.trim().toLowerCase();
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
            message.value = 'Enter an email address, e.g. name@school.edu.';
            return;
          }
          void grant(address).then(() => (email.value = ''));
        }}
      >
        <label>
          Email
          <input
            type="email"
            required
            value={email.value}
            onInput={(e) => (email.value = (e.target as HTMLInputElement).value)}
            placeholder="student@school.edu"
          />
        </label>
        <button type="submit" class="button button-primary button-small" disabled={busy}>
          Grant access
        </button>
        <button
          type="button"
          class="button button-small"
          disabled={busy || !email.value.trim()}
          onClick={() => void revoke(email.value.trim().toLowerCase())}
        >
          Revoke
        </button>
      </form>
      <Loaded loader={loader} label="Loading who can watch…" errorTitle="Could not load who can watch">
        {(access) => (
          <table class="data-table">
            <caption class="visually-hidden">Who can watch this recording</caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Why</th>
                <th scope="col">Access</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {access.viewers.map((viewer) => (
                <tr key={`${viewer.via}-${viewer.who}`}>
                  <td data-label="Who">
                    {viewer.name ? `${viewer.name} · ` : ''}
                    {viewer.who}
                  </td>
                  <td data-label="Why">
                    <span class="via">{VIA_LABELS[viewer.via]}</span>
                  </td>
                  <td data-label="Access">
                    {viewer.revoked ? <strong class="status-failed">Revoked</strong> : 'Can watch'}
                  </td>
                  <td data-label="Actions">
                    <div class="row-actions">
                      {viewer.via === 'grant' ? (
                        <button
                          type="button"
                          class="button button-small"
                          disabled={busy}
                          onClick={() => void removeGrant(viewer.who)}
                        >
                          Remove grant
                        </button>
                      ) : null}
                      {(viewer.via === 'batch' || viewer.via === 'grant') && !viewer.revoked ? (
                        <button
                          type="button"
                          class="button button-small"
                          disabled={busy}
                          onClick={() => void revoke(viewer.who)}
                          aria-label={`Revoke ${viewer.who}`}
                        >
                          Revoke
                        </button>
                      ) : null}
                      {viewer.revoked ? (
                        <button
                          type="button"
                          class="button button-small"
                          disabled={busy}
                          onClick={() => void grant(viewer.who)}
                          aria-label={`Restore ${viewer.who}`}
                        >
                          Restore
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <p class="muted">
        Revoking always wins over batch membership and grants, and stops open playback at the next request. Granting
        again lifts a revocation.
      </p>
    </div>
  );
}

export function AccessSection(_props: SectionProps) {
  const { recordings } = useApp().api;
  return (
    <PerRecording
      recordingsApi={recordings}
      selection={selectedRecordingId}
      pickerId="access-recording"
      emptyText="Access is managed per recording."
    >
      {(chosen) => <AccessPanel key={chosen.id} recordingId={chosen.id} />}
    </PerRecording>
  );
}
