// The meetings this user can open: every meeting for admins, their own for teachers, their
// batches' for students.
import { useMemo } from 'preact/hooks';
import { Loaded } from '../../ui/Loaded';
import { useApp, type SectionProps } from '../../app/app-context';
import { createLoader } from '../../ui/loader-model';
import { routeHref } from '../../app/routes';

export function MeetingsSection({ profile }: SectionProps) {
  const { meetings } = useApp().api;
  const loader = useMemo(() => createLoader(() => meetings.listMeetings(), 'Could not load meetings.'), [meetings]);
  const emptyText =
    profile.role === 'student' ? 'You are not in a batch with meetings yet.' : 'No meetings are assigned to you.';
  return (
    <Loaded
      loader={loader}
      label="Loading meetings…"
      errorTitle="Could not load meetings"
      isEmpty={(m) => m.length === 0}
      empty={{ title: 'No meetings', text: emptyText }}
    >
      {(meetings) => (
        <ul class="card-list">
          {meetings.map((meeting) => (
            <li key={meeting.id} class="card">
              <div class="card-main">
                <a class="card-title" href={routeHref({ name: 'meeting', meetingId: meeting.id })}>
                  {meeting.title}
                </a>
                <span class="muted">
                  {meeting.teacherName} · room {meeting.roomName}
                </span>
              </div>
              <a class="button" href={routeHref({ name: 'meeting', meetingId: meeting.id })}>
                {meeting.canControl ? 'Open controls' : 'Join'}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Loaded>
  );
}
