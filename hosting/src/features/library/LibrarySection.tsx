// A student's library: the recordings the access check lets them watch, a page at a time, searched
// by title, meeting or teacher, filtered by meeting, newest or oldest first, with their
// own progress (server-measured watched time, "resume at", "watched"). The server leaves out
// recordings that are hidden (incomplete, under 10 s) or no longer theirs. A card shows the
// recording's poster frame (taken at ingest) once it scrolls into view.
import { useModel } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import './library.css';
import type { RecordingSummary } from '../../api/recordings-api';
import { PosterImage } from '../../ui/PosterImage';
import { EmptyPanel, ErrorPanel, LoadingPanel } from '../../ui/StatusPanels';
import { useApp, type SectionProps } from '../../app/app-context';
import { formatClock, formatDate } from '../../ui/format-derive';
import { LibraryModel, type LibrarySortChoice } from './library-model';
import { progressView, watchAction } from './library-derive';
import { ProgressMeter } from '../../ui/ProgressMeter';
import { isLive } from '../../ui/recording-status';
import { routeHref } from '../../app/routes';
import { TranscriptSearch } from './TranscriptSearch';
import { RequestAccess } from '../../ui/RequestAccess';

function Progress({ recording }: { recording: RecordingSummary }) {
  const view = progressView(recording.progress, recording.durationSeconds);
  if (view.kind === 'unwatched') return <span class="badge badge-accent">Unwatched</span>;
  return (
    <span class="progress-line">
      <ProgressMeter percent={view.percent} label={`Watched ${view.percent}%`} />
      {view.kind === 'watched' ? (
        <span class="badge badge-ok">Watched</span>
      ) : (
        <span class="muted">Resume at {formatClock(view.resumeAtSeconds)}</span>
      )}
    </span>
  );
}

function Badge({ recording }: { recording: RecordingSummary }) {
  if (isLive(recording.status)) return <span class="badge badge-live">Recording now</span>;
  if (recording.status === 'incomplete') return <span class="badge badge-partial">Partial</span>;
  return null;
}

function Row({ recording, poster }: { recording: RecordingSummary; poster: (id: string) => Promise<string | null> }) {
  const load = useMemo(() => () => poster(recording.id), [poster, recording.id]);
  const action = watchAction(progressView(recording.progress, recording.durationSeconds));
  return (
    <li class="card">
      {recording.hasPoster ? <PosterImage title={recording.title} load={load} /> : null}
      <div class="card-main">
        <a class="card-title" href={routeHref({ name: 'watch', recordingId: recording.id })}>
          {recording.title}
        </a>
        <span class="muted">
          {formatDate(recording.createdAtMs)} · {formatClock(recording.durationSeconds)} <Badge recording={recording} />
        </span>
        {recording.description ? <span class="card-description">{recording.description}</span> : null}
        <Progress recording={recording} />
      </div>
      <a
        class="button button-primary"
        href={routeHref({ name: 'watch', recordingId: recording.id })}
        aria-label={`${action} ${recording.title}`}
      >
        {action}
      </a>
    </li>
  );
}

export function LibrarySection({ profile }: SectionProps) {
  const { recordings } = useApp().api;
  const model = useModel(() => new LibraryModel(recordings));
  const rows = model.rows.value.filter((r) => r.status !== 'failed');
  const filtering = model.q.value.trim() !== '' || model.meetingId.value !== '';
  return (
    <div class="library-section">
      <form class="inline-form library-filters stacked-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input
            type="search"
            value={model.q.value}
            placeholder="Title, meeting or teacher"
            onInput={(e) => model.setQuery((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Meeting
          <select
            value={model.meetingId.value}
            onChange={(e) => model.setMeeting((e.target as HTMLSelectElement).value)}
          >
            <option value="">All meetings</option>
            {model.meetings.value.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
                {m.teacherName ? ` · ${m.teacherName}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort
          <select
            value={model.sort.value}
            onChange={(e) => model.setSort((e.target as HTMLSelectElement).value as LibrarySortChoice)}
          >
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
      </form>
      <TranscriptSearch meetingId={model.meetingId.value} />
      {model.error.value ? (
        <ErrorPanel title="Could not load your library" message={model.error.value}>
          <button type="button" class="button" onClick={() => void model.reload()}>
            Try again
          </button>
        </ErrorPanel>
      ) : rows.length === 0 && model.loading.value ? (
        <LoadingPanel label="Loading your library…" />
      ) : rows.length === 0 ? (
        <EmptyPanel title={filtering ? 'No recordings match' : 'No recordings yet'}>
          <p class="muted">
            {filtering ? 'Try other words, or all meetings.' : 'Recorded lectures you have access to will appear here.'}
          </p>
          {filtering ? (
            <button
              type="button"
              class="button"
              onClick={() => {
                model.setQuery('');
                model.setMeeting('');
              }}
            >
              Show all recordings
            </button>
          ) : (
            <>
              <a class="button" href={routeHref({ name: 'home', section: 'meetings' })}>
                See your meetings
              </a>
              {profile.role === 'student' ? <RequestAccess request={() => recordings.requestAccess(null)} /> : null}
            </>
          )}
        </EmptyPanel>
      ) : (
        <>
          <ul class="card-list library">
            {rows.map((recording) => (
              <Row key={recording.id} recording={recording} poster={recordings.poster} />
            ))}
          </ul>
          {model.hasMore.value ? (
            <button type="button" class="button" disabled={model.loading.value} onClick={() => void model.more()}>
              {model.loading.value ? 'Loading…' : 'More recordings'}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
