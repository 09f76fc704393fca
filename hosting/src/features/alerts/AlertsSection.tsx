// The admin's alerts inbox: crashed or gap-ridden recordings, recovered egresses, storage
// warnings, students' access requests (each with a way to its recording's Access page). Newest
// first; unread ones stand out until marked read.
import { useMemo } from 'preact/hooks';
import { alertKindLabel, opensAccess } from './alerts-derive';
import { grantCandidateUid, selectedRecordingId } from '../../app/selection';
import '../../ui/console.css';
import './alerts.css';
import { Loaded } from '../../ui/Loaded';
import { useActionRunner } from '../../ui/use-action-runner';
import { useApp, type SectionProps } from '../../app/app-context';
import { formatDate } from '../../ui/format-derive';
import { createLoader } from '../../ui/loader-model';
import { Announcement } from '../../ui/StatusPanels';

export function AlertsSection(_props: SectionProps) {
  const {
    api: { admin: api },
    unreadAlerts,
    router,
  } = useApp();
  const loader = useMemo(
    () =>
      createLoader(async () => {
        const inbox = await api.alerts();
        unreadAlerts.set(inbox.unread); // the badge follows the inbox (e.g. right after a mark-read)
        return inbox;
      }, 'Could not load alerts.'),
    [api, unreadAlerts],
  );
  const { message, actions } = useActionRunner(loader);
  const markRead = (id: string) =>
    actions.run('mark the alert as read', async () => {
      await api.markAlertRead(id);
      return 'Marked as read.';
    });

  return (
    <>
      <Announcement message={message} />
      <Loaded
        loader={loader}
        label="Loading alerts…"
        errorTitle="Could not load alerts"
        isEmpty={(inbox) => inbox.alerts.length === 0}
        empty={{
          title: 'No alerts',
          text: 'Failed uploads, crashed recordings, storage warnings and students’ access requests will appear here.',
        }}
      >
        {(inbox) => (
          <>
            <p>
              <strong>{inbox.unread}</strong> unread
            </p>
            <ul class="card-list">
              {inbox.alerts.map((alert) => (
                <li key={alert.id} class={`alert-item${alert.read ? '' : ' alert-unread'}`}>
                  <div class="alert-head">
                    <strong>{alertKindLabel(alert.kind)}</strong>
                    <span class="muted">{formatDate(alert.atMs)}</span>
                  </div>
                  <p>{alert.message}</p>
                  <div class="row-actions">
                    {alert.recordingId ? <code>{alert.recordingId}</code> : null}
                    {opensAccess(alert) ? (
                      <button
                        type="button"
                        class="button button-small button-primary"
                        onClick={() => {
                          selectedRecordingId.value = alert.recordingId;
                          grantCandidateUid.value = alert.personUid;
                          router.navigate({ name: 'home', section: 'access' });
                        }}
                        aria-label={`Grant access: “${alert.message}”`}
                      >
                        Grant access
                      </button>
                    ) : null}
                    {alert.read ? (
                      <span class="muted">Read</span>
                    ) : (
                      <button
                        type="button"
                        class="button button-small"
                        onClick={() => void markRead(alert.id)}
                        aria-label={`Mark read: “${alert.message}”`}
                      >
                        Mark read
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </>
  );
}
