// Captions of a recording, for admins and the meeting's teacher: its tracks with their status
// (machine or reviewed) and version, an upload of a WebVTT or SRT file (captions or a description
// track), and an editor of one track's cues (text and timing). Saving makes a new version on the
// server, audited; a version saved by someone else meanwhile is refused and said so.
import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import type { CaptionKind, CaptionTrackInfo } from '../../api/captions-api';
import type { RecordingSummary } from '../../api/recordings-api';
import { useApp, type SectionProps } from '../../app/app-context';
import { selectedRecordingId } from '../../app/selection';
import { Announcement } from '../../ui/StatusPanels';
import { Loaded } from '../../ui/Loaded';
import { PerRecording } from '../../ui/PerRecording';
import { createLoader, type Loader } from '../../ui/loader-model';
import { useActionRunner } from '../../ui/use-action-runner';
import '../../ui/console.css';
import './captions-editor.css';
import { cuesOfDraft, draftOf, type DraftCue } from './caption-edit-derive';
import { PhraseListForm } from './PhraseListForm';

const trackIdOf = (t: Pick<CaptionTrackInfo, 'lang' | 'kind'>) =>
  t.kind === 'captions' ? t.lang : `${t.lang}_descriptions`;
const trackLabel = (t: CaptionTrackInfo) =>
  `${t.kind === 'captions' ? 'Captions' : 'Descriptions'} (${t.lang}) · ${t.status === 'reviewed' ? 'reviewed' : 'machine'} · version ${t.version} · ${t.cueCount} cues`;

function UploadForm({ recording, loader }: { recording: RecordingSummary; loader: Loader<unknown> }) {
  const api = useApp().api.captions;
  const lang = useSignal('en');
  const kind = useSignal<CaptionKind>('captions');
  const file = useSignal<File | null>(null);
  const { message, actions } = useActionRunner(loader);
  return (
    <form
      class="stacked-form caption-upload"
      onSubmit={(event) => {
        event.preventDefault();
        const chosen = file.value;
        if (!chosen) return;
        void actions.run(
          'upload the captions',
          async () => {
            const saved = await api.upload(recording.id, {
              lang: lang.value,
              kind: kind.value,
              text: await chosen.text(),
            });
            return `Saved ${saved.cueCount} cues as version ${saved.version}.`;
          },
          'Could not save the captions.',
        );
      }}
    >
      <h3>Upload a caption file</h3>
      <Announcement message={message} />
      <label>
        WebVTT or SRT file (up to 512 KB)
        <input
          type="file"
          accept=".vtt,.srt,text/vtt"
          required
          onChange={(e) => (file.value = (e.target as HTMLInputElement).files?.[0] ?? null)}
        />
      </label>
      <label>
        Language
        <input
          value={lang.value}
          required
          maxLength={12}
          onInput={(e) => (lang.value = (e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        Kind
        <select
          value={kind.value}
          onChange={(e) => (kind.value = (e.target as HTMLSelectElement).value as CaptionKind)}
        >
          <option value="captions">Captions (what is said)</option>
          <option value="descriptions">Descriptions (what is shown)</option>
        </select>
      </label>
      <button type="submit" class="button button-small" disabled={actions.busy.value !== null}>
        Upload
      </button>
    </form>
  );
}

function TrackEditor({
  recording,
  track,
  loader,
}: {
  recording: RecordingSummary;
  track: CaptionTrackInfo;
  loader: Loader<unknown>;
}) {
  const api = useApp().api.captions;
  const id = trackIdOf(track);
  const cuesLoader = useMemo(
    () => createLoader(() => api.track(recording.id, id), 'Could not load the cues.'),
    [api, recording.id, id, track.version],
  );
  return (
    <Loaded loader={cuesLoader} label="Loading cues…" errorTitle="Could not load the cues">
      {(full) => (
        <CueTable
          recordingId={recording.id}
          trackId={id}
          version={full.version}
          initial={full.cues.map(draftOf)}
          loader={loader}
        />
      )}
    </Loaded>
  );
}

function CueTable({
  recordingId,
  trackId,
  version,
  initial,
  loader,
}: {
  recordingId: string;
  trackId: string;
  version: number;
  initial: DraftCue[];
  loader: Loader<unknown>;
}) {
  const api = useApp().api.captions;
  const draft = useSignal<DraftCue[]>(initial);
  const { message, actions, announce } = useActionRunner(loader);
  const edit = (i: number, change: Partial<DraftCue>) =>
    (draft.value = draft.value.map((d, j) => (j === i ? { ...d, ...change } : d)));
  return (
    <form
      class="caption-editor"
      onSubmit={(event) => {
        event.preventDefault();
        // A mistake is said before anything is sent (and the draft stays as typed).
        const checked = cuesOfDraft(draft.value);
        if ('problem' in checked) return announce(checked.problem);
        void actions.run(
          'save the captions',
          async () => {
            const saved = await api.edit(recordingId, trackId, version, checked.cues);
            return `Saved version ${saved.version}; students see it from their next playback.`;
          },
          'Could not save the captions.',
        );
      }}
    >
      <Announcement message={message} />
      <table class="data-table cue-table">
        <caption class="visually-hidden">Cues of {trackId}</caption>
        <thead>
          <tr>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        <tbody>
          {draft.value.map((d, i) => (
            <tr key={i}>
              <td data-label="Start">
                <input
                  aria-label={`Cue ${i + 1} start`}
                  value={d.start}
                  size={10}
                  onInput={(e) => edit(i, { start: (e.target as HTMLInputElement).value })}
                />
              </td>
              <td data-label="End">
                <input
                  aria-label={`Cue ${i + 1} end`}
                  value={d.end}
                  size={10}
                  onInput={(e) => edit(i, { end: (e.target as HTMLInputElement).value })}
                />
              </td>
              <td data-label="Text">
                <textarea
                  aria-label={`Cue ${i + 1} text`}
                  rows={2}
                  maxLength={500}
                  value={d.text}
                  onInput={(e) => edit(i, { text: (e.target as HTMLTextAreaElement).value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" class="button button-primary" disabled={actions.busy.value !== null}>
        Save as reviewed
      </button>
    </form>
  );
}

function CaptionsPanel({ recording }: { recording: RecordingSummary }) {
  const api = useApp().api.captions;
  const loader = useMemo(
    () => createLoader(() => api.tracks(recording.id), 'Could not load the captions.'),
    [api, recording.id],
  );
  const chosen = useSignal<string | null>(null);
  return (
    <>
      <UploadForm recording={recording} loader={loader} />
      <PhraseListForm meetingId={recording.meetingId} />
      <Loaded
        loader={loader}
        label="Loading captions…"
        errorTitle="Could not load the captions"
        isEmpty={(tracks) => tracks.length === 0}
        empty={{ title: 'No captions yet', text: 'Upload a WebVTT or SRT file, or wait for the machine captions.' }}
      >
        {(tracks) => {
          const track = tracks.find((t) => trackIdOf(t) === chosen.value) ?? tracks[0]!;
          return (
            <>
              <div class="field">
                <label for="caption-track">Track</label>
                <select
                  id="caption-track"
                  value={trackIdOf(track)}
                  onChange={(e) => (chosen.value = (e.target as HTMLSelectElement).value)}
                >
                  {tracks.map((t) => (
                    <option key={trackIdOf(t)} value={trackIdOf(t)}>
                      {trackLabel(t)}
                    </option>
                  ))}
                </select>
              </div>
              <TrackEditor recording={recording} track={track} loader={loader} />
            </>
          );
        }}
      </Loaded>
    </>
  );
}

export function CaptionsSection(_props: SectionProps) {
  const { recordings } = useApp().api;
  return (
    <PerRecording
      recordingsApi={recordings}
      selection={selectedRecordingId}
      pickerId="captions-recording"
      emptyText="Captions can be added once a lecture has been recorded."
    >
      {(recording) => <CaptionsPanel key={recording.id} recording={recording} />}
    </PerRecording>
  );
}
