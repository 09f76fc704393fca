// The meetings this user can open: every meeting for admins, their own for teachers, their
// batches' for students.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api/http-api';
import { createMeetingsApi, type MeetingSummary } from '../api/meetings-api';
import { EmptyPanel, ErrorPanel, LoadingPanel } from '../components/StatusPanels';
import { useApp } from '../context';
import { routeHref } from '../models/routes';
import type { SectionProps } from './registry';

type Load = { kind: 'loading' } | { kind: 'ready'; meetings: MeetingSummary[] } | { kind: 'error'; message: string };

export function MeetingsSection({ profile }: SectionProps) {
  const { apiFetch } = useApp();
  const load = useSignal<Load>({ kind: 'loading' });

  function fetchMeetings() {
    load.value = { kind: 'loading' };
    createMeetingsApi(apiFetch)
      .listMeetings()
      .then(
        (meetings) => (load.value = { kind: 'ready', meetings }),
        (error: unknown) => (load.value = { kind: 'error', message: error instanceof ApiError ? error.message : 'Could not load meetings.' }),
      );
  }
  useEffect(fetchMeetings, [apiFetch]);

  const current = load.value;
  if (current.kind === 'loading') return <LoadingPanel label="Loading meetings…" />;
  if (current.kind === 'error') {
    return (
      <ErrorPanel title="Could not load meetings" message={current.message}>
        <button type="button" class="button" onClick={fetchMeetings}>
          Try again
        </button>
      </ErrorPanel>
    );
  }
  if (current.meetings.length === 0) {
    return (
      <EmptyPanel title="No meetings">
        <p class="muted">{profile.role === 'student' ? 'You are not in a batch with meetings yet.' : 'No meetings are assigned to you.'}</p>
      </EmptyPanel>
    );
  }
  return (
    <ul class="card-list">
      {current.meetings.map((meeting) => (
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
  );
}
