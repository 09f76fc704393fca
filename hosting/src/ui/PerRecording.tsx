// The frame of a console section that works on one recording at a time (Access, Attendance): the
// recordings loaded once, a picker that follows the shared selection, and the section's panels.
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { RecordingSummary } from '../api/recordings-api';
import { Loaded } from './Loaded';
import { useApp } from '../app/app-context';
import { formatDate } from './format-derive';
import { createLoader, type Loader } from './loader-model';
import { selectedRecordingId } from '../app/selection';

export function PerRecording({
  pickerId,
  emptyText,
  children,
}: {
  /** The picker's element id (each section its own, for its label). */
  pickerId: string;
  emptyText: string;
  children: (chosen: RecordingSummary, loader: Loader<RecordingSummary[]>) => ComponentChildren;
}) {
  const { recordings: recordingsApi } = useApp().api;
  const loader = useMemo(() => createLoader(() => recordingsApi.list(), 'Could not load recordings.'), [recordingsApi]);
  return (
    <Loaded
      loader={loader}
      label="Loading recordings…"
      errorTitle="Could not load recordings"
      isEmpty={(list) => list.length === 0}
      empty={{ title: 'No recordings yet', text: emptyText }}
    >
      {(recordings) => {
        const chosen = recordings.find((r) => r.id === selectedRecordingId.value) ?? recordings[0]!;
        return (
          <>
            <div class="field">
              <label for={pickerId}>Recording</label>
              <select
                id={pickerId}
                value={chosen.id}
                onChange={(e) => (selectedRecordingId.value = (e.target as HTMLSelectElement).value)}
              >
                {recordings.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title} · {formatDate(r.createdAtMs)}
                  </option>
                ))}
              </select>
            </div>
            {children(chosen, loader)}
          </>
        );
      }}
    </Loaded>
  );
}
