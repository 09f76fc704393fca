// Attendance per recording (admins and the meeting's teacher): who watched, how much (seconds of
// segments the server delivered, each counted once), in how many sessions, with a CSV export; and
// the consent ledger: who was in the meeting while it recorded and what they answered the banner.
import { useMemo } from 'preact/hooks';
import type { LedgerRow, ViewerStats } from '../../api/attendance-api';
import '../../ui/console.css';
import { csvFileName, percent, viewersCsv } from './attendance-derive';
import { saveCsv } from '../../ui/csv';
import { selectedRecordingId } from '../../app/selection';
import { PerRecording } from '../../ui/PerRecording';
import { Loaded } from '../../ui/Loaded';
import { useApp, type SectionProps } from '../../app/app-context';
import { formatClock, formatDate } from '../../ui/format-derive';
import { createLoader } from '../../ui/loader-model';
import type { RecordingSummary } from '../../api/recordings-api';

function ViewersPanel({ recording }: { recording: RecordingSummary }) {
  const api = useApp().api.attendance;
  const loader = useMemo(
    () => createLoader<ViewerStats[]>(() => api.viewers(recording.id), 'Could not load the viewers.'),
    [api, recording.id],
  );
  return (
    <Loaded
      loader={loader}
      label="Loading viewers…"
      errorTitle="Could not load the viewers"
      isEmpty={(rows) => rows.length === 0}
      empty={{
        title: 'Nobody has watched yet',
        text: 'Viewers appear here once a segment has been delivered to them.',
      }}
    >
      {(rows) => (
        <>
          <button
            type="button"
            class="button button-small"
            onClick={() => saveCsv(csvFileName(recording.title, recording.createdAtMs), viewersCsv(rows))}
          >
            Export CSV
          </button>
          <table class="data-table viewers-table">
            <caption class="visually-hidden">Who watched this recording</caption>
            <thead>
              <tr>
                <th scope="col">Viewer</th>
                <th scope="col">Watched</th>
                <th scope="col">Completion</th>
                <th scope="col">Sessions</th>
                <th scope="col">First watched</th>
                <th scope="col">Last watched</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => (
                <tr key={v.uid} data-viewer={v.uid}>
                  <td data-label="Viewer">
                    {v.name} · {v.email}
                  </td>
                  <td data-label="Watched">{formatClock(v.watchedSeconds)}</td>
                  <td data-label="Completion">{percent(v.completion)}</td>
                  <td data-label="Sessions">{v.sessions}</td>
                  <td data-label="First watched">{formatDate(v.firstWatchedAtMs)}</td>
                  <td data-label="Last watched">{formatDate(v.lastWatchedAtMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">
            Watched time counts the video the server delivered to each viewer, every part once, however often it was
            replayed; it includes what the player buffered ahead (up to about 20 s per stop).
          </p>
        </>
      )}
    </Loaded>
  );
}

const CONSENT_LABELS: Readonly<Record<LedgerRow['status'], string>> = {
  acknowledged: 'Acknowledged (Continue)',
  left: 'Chose to leave',
  'never-answered': 'Never answered',
};

const timeOf = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleTimeString());

function ConsentPanel({ recordingId }: { recordingId: string }) {
  const api = useApp().api.attendance;
  const loader = useMemo(
    () => createLoader<LedgerRow[]>(() => api.consent(recordingId), 'Could not load the consent ledger.'),
    [api, recordingId],
  );
  return (
    <Loaded
      loader={loader}
      label="Loading the consent ledger…"
      errorTitle="Could not load the consent ledger"
      isEmpty={(rows) => rows.length === 0}
      empty={{ title: 'No participants recorded', text: 'Nobody was seen in the meeting while this recorded.' }}
    >
      {(rows) => (
        <table class="data-table consent-table">
          <caption class="visually-hidden">Who was told this meeting was recorded</caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Consent banner</th>
              <th scope="col">In the room</th>
              <th scope="col">Left</th>
              <th scope="col">Answered</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.identity} data-participant={p.identity}>
                <td data-label="Participant">{p.name}</td>
                <td data-label="Consent banner">
                  {p.status === 'never-answered' ? (
                    <strong class="status-failed">{CONSENT_LABELS[p.status]}</strong>
                  ) : (
                    CONSENT_LABELS[p.status]
                  )}
                </td>
                <td data-label="In the room">{p.present ? `from ${timeOf(p.joinedAtMs)}` : 'not seen'}</td>
                <td data-label="Left">{timeOf(p.leftAtMs)}</td>
                <td data-label="Answered">{timeOf(p.answeredAtMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Loaded>
  );
}

export function AttendanceSection(_props: SectionProps) {
  const { recordings } = useApp().api;
  return (
    <PerRecording
      recordingsApi={recordings}
      selection={selectedRecordingId}
      pickerId="attendance-recording"
      emptyText="Attendance is shown per recording."
    >
      {(chosen) => (
        <>
          <h3>Viewers</h3>
          <ViewersPanel key={chosen.id} recording={chosen} />
          <h3>Consent</h3>
          <ConsentPanel key={`consent-${chosen.id}`} recordingId={chosen.id} />
        </>
      )}
    </PerRecording>
  );
}
