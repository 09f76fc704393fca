// The interactive transcript beside the player: every cue with its time, the one being said
// highlighted and kept in view, a search box that narrows the list, and a click (or Enter, the
// lines are buttons) seeks the video there. Says whether the captions are machine-made or reviewed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatClock } from '../../ui/format-derive';
import { currentCueIndex, filterCues } from './caption-prefs';
import type { CaptionsModel } from './captions-model';
import { TranscriptDownload } from './TranscriptDownload';

export function TranscriptPanel({
  captions,
  position,
  seek,
}: {
  captions: CaptionsModel;
  position: number;
  seek: (seconds: number) => void;
}) {
  const [query, setQuery] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const track = captions.transcript.value;
  const cues = track?.cues ?? [];
  const current = currentCueIndex(cues, position);
  useEffect(() => {
    // Follow playback inside the list only: scrollIntoView would scroll the whole page as well.
    const box = list.current;
    const item = box?.querySelector<HTMLElement>('[aria-current="true"]');
    if (box && item) box.scrollTop = item.offsetTop - box.offsetTop - box.clientHeight / 3;
  }, [current]);
  if (!track) return null;
  const shown = filterCues(cues, query);
  return (
    <section class="transcript" aria-labelledby="transcript-title">
      <div class="transcript-head">
        <h2 id="transcript-title">Transcript</h2>
        <span class={`caption-status caption-status-${track.status}`}>
          {track.status === 'reviewed' ? 'Reviewed captions' : 'Machine captions (not yet reviewed)'}
        </span>
      </div>
      <label class="transcript-search">
        Search the transcript
        <input type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      </label>
      <p class="visually-hidden" role="status">
        {query ? `${shown.length} matching lines` : ''}
      </p>
      <ol class="transcript-lines" ref={list}>
        {shown.map(({ cue, index }) => (
          <li key={index}>
            <button
              type="button"
              class="transcript-line"
              aria-current={index === current ? 'true' : undefined}
              onClick={() => seek(cue.startMs / 1000)}
            >
              <span class="transcript-time">{formatClock(cue.startMs / 1000)}</span>
              <span>{cue.text}</span>
            </button>
          </li>
        ))}
      </ol>
      <TranscriptDownload allowed={captions.canDownload.value} fetchFile={captions.downloadTranscript} />
    </section>
  );
}
