// A student's library: the recordings the access check lets them watch, newest first. The server
// leaves out recordings that are hidden (incomplete, under 10 s) or no longer theirs.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api/http-api';
import { listRecordings, type RecordingSummary } from '../api/recordings-api';
import { EmptyPanel, ErrorPanel, LoadingPanel } from '../components/StatusPanels';
import { useApp } from '../context';
import { formatDate } from '../models/format-derive';
import { formatClock, isLive } from '../models/recording-derive';
import { routeHref } from '../models/routes';
import type { SectionProps } from './registry';

type Load = { kind: 'loading' } | { kind: 'ready'; recordings: RecordingSummary[] } | { kind: 'error'; message: string };

function Badge({ recording }: { recording: RecordingSummary }) {
  if (isLive(recording.status)) return <span class="badge badge-live">Recording now</span>;
  if (recording.status === 'incomplete') return <span class="badge badge-partial">Partial</span>;
  return null;
}

export function LibrarySection(_props: SectionProps) {
  const { apiFetch } = useApp();
  const load = useSignal<Load>({ kind: 'loading' });

  function fetchLibrary() {
    load.value = { kind: 'loading' };
    listRecordings(apiFetch).then(
      (recordings) => (load.value = { kind: 'ready', recordings }),
      (error: unknown) => (load.value = { kind: 'error', message: error instanceof ApiError ? error.message : 'Could not load your library.' }),
    );
  }
  useEffect(fetchLibrary, [apiFetch]);

  const current = load.value;
  if (current.kind === 'loading') return <LoadingPanel label="Loading your library…" />;
  if (current.kind === 'error') {
    return (
      <ErrorPanel title="Could not load your library" message={current.message}>
        <button type="button" class="button" onClick={fetchLibrary}>
          Try again
        </button>
      </ErrorPanel>
    );
  }
  const playable = current.recordings.filter((r) => r.status !== 'failed');
  if (playable.length === 0) {
    return (
      <EmptyPanel title="No recordings yet">
        <p class="muted">Recorded lectures you have access to will appear here.</p>
      </EmptyPanel>
    );
  }
  return (
    <ul class="card-list library">
      {playable.map((recording) => (
        <li key={recording.id} class="card">
          <div class="card-main">
            <a class="card-title" href={routeHref({ name: 'watch', recordingId: recording.id })}>
              {recording.title}
            </a>
            <span class="muted">
              {formatDate(recording.createdAtMs)} · {formatClock(recording.durationSeconds)} <Badge recording={recording} />
            </span>
          </div>
          <a class="button button-primary" href={routeHref({ name: 'watch', recordingId: recording.id })} aria-label={`Watch ${recording.title}`}>
            Watch
          </a>
        </li>
      ))}
    </ul>
  );
}
