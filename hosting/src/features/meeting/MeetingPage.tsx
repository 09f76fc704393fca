// The platform's meeting room, as far as LectureVault is concerned: who is in the room (from
// LiveKit), the consent banner and recording indicator for everyone, and the recording controls
// for admins and the meeting's teacher; after leaving, "You left the meeting" (LeftMeeting.tsx).
// Loaded as its own chunk. The recording widget (src/embed/RecordingWidget.tsx) renders the same
// components and rules in the platform's room.
import { useModel, useSignal } from '@preact/signals';
import type { Participant } from '../../api/meetings-api';
import { ErrorPanel, LoadingPanel } from '../../ui/StatusPanels';
import { PageHeading } from '../../ui/PageHeading';
import { useApp } from '../../app/app-context';
import { ConsentBanner } from './ConsentBanner';
import { RecordingControls } from './RecordingControls';
import { ConnectionLost, RecordingIndicator } from './RecordingIndicator';
import { RecordingControlModel, sessionConsentStore } from './recording-control-model';
import { meetingErrorRetryable, meetingErrorTitle } from './meeting-derive';
import { LeftMeeting } from './LeftMeeting';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => /^[\p{L}\p{N}]/u.test(word) && !/\.$/.test(word))
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
}

function Participants({ participants }: { participants: readonly Participant[] }) {
  return (
    <section aria-labelledby="participants-title" class="participants-section">
      <h2 id="participants-title" class="section-title">
        In the room ({participants.length})
      </h2>
      {participants.length === 0 ? (
        <p class="muted">Nobody has joined yet.</p>
      ) : (
        <ul class="participants">
          {participants.map((p) => (
            <li key={p.identity} class="participant">
              <span class="participant-avatar" aria-hidden="true">
                {initials(p.name) || '?'}
              </span>
              {p.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function MeetingPage({ meetingId }: { meetingId: string }) {
  // Keyed: another meeting is another visit, with a room (and a model) of its own.
  return <MeetingVisit key={meetingId} meetingId={meetingId} />;
}

/** The room until the participant leaves, then "You left the meeting"; Rejoin opens a fresh room. */
function MeetingVisit({ meetingId }: { meetingId: string }) {
  const left = useSignal<string | null>(null);
  const joins = useSignal(0);
  if (left.value !== null) {
    return (
      <LeftMeeting
        title={left.value}
        onRejoin={() => {
          left.value = null;
          joins.value += 1;
        }}
      />
    );
  }
  return <MeetingRoom key={joins.value} meetingId={meetingId} onLeft={(title) => (left.value = title)} />;
}

function MeetingRoom({ meetingId, onLeft }: { meetingId: string; onLeft: (title: string) => void }) {
  const { api, recordingFeed } = useApp();
  const model = useModel(
    () =>
      new RecordingControlModel(meetingId, {
        api: api.meetings,
        consent: sessionConsentStore(),
        answerConsent: (recordingId, answer) => api.meetings.answerConsent(meetingId, recordingId, answer),
        feed: recordingFeed,
      }),
  );

  const state = model.state.value;
  const error = model.loadError.value;
  if (!state) {
    if (!error) return <LoadingPanel label="Joining the meeting…" />;
    return (
      <ErrorPanel title={meetingErrorTitle(error.status)} message={error.message}>
        <a class="button" href="#/meetings">
          Back to meetings
        </a>
        {meetingErrorRetryable(error.status) ? (
          <button type="button" class="button" onClick={() => model.refresh()}>
            Try again
          </button>
        ) : null}
      </ErrorPanel>
    );
  }

  return (
    <div class="meeting">
      <ConsentBanner model={model} onLeave={() => void model.declineConsent().finally(() => onLeft(state.title))} />
      <section class="panel" aria-labelledby="meeting-title">
        <p>
          <a href="#/meetings">← Meetings</a>
        </p>
        <div class="panel-head">
          <PageHeading id="meeting-title" title={state.title} />
          <RecordingIndicator model={model} />
        </div>
        {model.connectionLost.value ? <ConnectionLost /> : null}
        <Participants participants={state.participants} />
        {state.canControl ? <RecordingControls model={model} /> : null}
      </section>
    </div>
  );
}
