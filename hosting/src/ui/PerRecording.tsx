// The frame of a console section that works on one recording at a time (Access, Attendance): the
// recordings loaded once, a picker that follows the selection it is given (app/selection.ts, shared
// with the Recordings section), and the section's panels.
import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { RecordingsApi, RecordingSummary } from '../api/recordings-api';
import { Loaded } from './Loaded';
import { formatDate } from './format-derive';
import { createLoader, type Loader } from './loader-model';

export function PerRecording({
  recordingsApi,
  selection,
  pickerId,
  emptyText,
  children,
}: {
  recordingsApi: RecordingsApi;
  /** The chosen recording's id; the first recording when null or no longer listed. */
  selection: Signal<string | null>;
  /** The picker's element id (each section its own, for its label). */
  pickerId: string;
  emptyText: string;
  children: (chosen: RecordingSummary, loader: Loader<RecordingSummary[]>) => ComponentChildren;
}) {
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
        const chosen = recordings.find((r) => r.id === selection.value) ?? recordings[0]!;
        return (
          <>
            <div class="field">
              <label for={pickerId}>Recording</label>
              <select
                id={pickerId}
                value={chosen.id}
                onChange={(e) => (selection.value = (e.target as HTMLSelectElement).value)}
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
