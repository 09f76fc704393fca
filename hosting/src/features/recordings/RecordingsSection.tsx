// Recordings per meeting: all of them for admins (with size, expiry, access, delete), the own
// meetings' for teachers (watch, and download where the meeting allows it).
import { useMemo } from 'preact/hooks';
import { groupByMeeting } from './recordings-derive';
import { RecordingRow } from './RecordingRow';
import '../../ui/console.css';
import { Loaded } from '../../ui/Loaded';
import { useActionRunner } from '../../ui/use-action-runner';
import { useApp, type SectionProps } from '../../app/app-context';
import { createLoader } from '../../ui/loader-model';
import { Announcement } from '../../ui/StatusPanels';

export function RecordingsSection({ profile }: SectionProps) {
  const { recordings: recordingsApi, admin: api } = useApp().api;
  const loader = useMemo(() => createLoader(() => recordingsApi.list(), 'Could not load recordings.'), [recordingsApi]);
  // Each row runs its own actions (its own busy state) but shares this section's message line.
  const { message, announce, refresh } = useActionRunner(loader);
  const admin = profile.role === 'admin';

  return (
    <>
      <Announcement message={message} />
      <Loaded
        loader={loader}
        label="Loading recordings…"
        errorTitle="Could not load recordings"
        isEmpty={(list) => list.length === 0}
        empty={{
          title: 'No recordings yet',
          text: admin
            ? 'Recordings appear here once a meeting is recorded.'
            : 'Recordings of your meetings appear here.',
        }}
      >
        {(recordings) =>
          groupByMeeting(recordings).map((group) => (
            <section key={group.meetingId} class="meeting-group" aria-labelledby={`group-${group.meetingId}`}>
              <h2 id={`group-${group.meetingId}`} class="section-title">
                {group.title} <span class="muted">({group.recordings.length})</span>
              </h2>
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Recorded</th>
                    <th scope="col">Status</th>
                    <th scope="col">Length</th>
                    {admin ? <th scope="col">Size</th> : null}
                    {admin ? <th scope="col">Removed on</th> : null}
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {group.recordings.map((recording) => (
                    <RecordingRow
                      key={recording.id}
                      recording={recording}
                      admin={admin}
                      api={api}
                      onChanged={refresh}
                      announce={announce}
                    />
                  ))}
                </tbody>
              </table>
            </section>
          ))
        }
      </Loaded>
    </>
  );
}
