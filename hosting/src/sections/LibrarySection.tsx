// A student's library: the recordings the access check lets them watch, newest first, with their
// own progress (server-measured watched time, "resume at", "watched"). The server leaves out
// recordings that are hidden (incomplete, under 10 s) or no longer theirs.
import { useMemo } from 'preact/hooks';
import type { RecordingSummary } from '../api/recordings-api';
import { Loaded } from '../components/Loaded';
import { useApp } from '../context';
import { formatDate } from '../models/format-derive';
import { createLoader } from '../models/loader-model';
import { progressView } from '../models/library-derive';
import { formatClock, isLive } from '../models/recording-derive';
import { routeHref } from '../models/routes';
import type { SectionProps } from './registry';

function Progress({ recording }: { recording: RecordingSummary }) {
  const view = progressView(recording.progress, recording.durationSeconds);
  if (view.kind === 'unwatched') return <span class="badge badge-unwatched">Unwatched</span>;
  return (
    <span class="progress-line">
      <progress max={100} value={view.percent} aria-label={`Watched ${view.percent}%`} />
      {view.kind === 'watched' ? (
        <span class="badge badge-watched">Watched</span>
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

export function LibrarySection(_props: SectionProps) {
  const { recordings } = useApp().api;
  const loader = useMemo(
    () =>
      createLoader(
        async () => (await recordings.list()).filter((r) => r.status !== 'failed'),
        'Could not load your library.',
      ),
    [recordings],
  );
  return (
    <Loaded
      loader={loader}
      label="Loading your library…"
      errorTitle="Could not load your library"
      isEmpty={(list) => list.length === 0}
      empty={{ title: 'No recordings yet', text: 'Recorded lectures you have access to will appear here.' }}
    >
      {(recordings) => (
        <ul class="card-list library">
          {recordings.map((recording) => (
            <li key={recording.id} class="card">
              <div class="card-main">
                <a class="card-title" href={routeHref({ name: 'watch', recordingId: recording.id })}>
                  {recording.title}
                </a>
                <span class="muted">
                  {formatDate(recording.createdAtMs)} · {formatClock(recording.durationSeconds)}{' '}
                  <Badge recording={recording} />
                </span>
                <Progress recording={recording} />
              </div>
              <a
                class="button button-primary"
                href={routeHref({ name: 'watch', recordingId: recording.id })}
                aria-label={`Watch ${recording.title}`}
              >
                Watch
              </a>
            </li>
          ))}
        </ul>
      )}
    </Loaded>
  );
}
