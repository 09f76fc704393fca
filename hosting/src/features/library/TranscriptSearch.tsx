// "Search what was said": the transcripts of the recordings the viewer may watch (of the meeting
// the library is filtered to, else all), each hit a list of moments that open the player there
// (#/watch/<id>?t=<seconds>). The server decides what may be searched; this only asks and lists.
import { useState } from 'preact/hooks';
import { useApp } from '../../app/app-context';
import type { TranscriptHit } from '../../api/captions-api';
import { routeHref } from '../../app/routes';
import { formatClock } from '../../ui/format-derive';

export function TranscriptSearch({ meetingId }: { meetingId: string }) {
  const { captions } = useApp().api;
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<TranscriptHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function search(event: Event) {
    event.preventDefault();
    if (!q.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setHits(await captions.search(q.trim(), meetingId || undefined));
    } catch (e) {
      setHits(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="transcript-search-section" aria-labelledby="said-title">
      <h2 id="said-title">Search what was said</h2>
      <form class="inline-form stacked-form" role="search" onSubmit={(e) => void search(e)}>
        <label>
          Words spoken in a lecture
          <input
            type="search"
            value={q}
            placeholder="e.g. heparin"
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Searching…' : 'Search transcripts'}
        </button>
      </form>
      <div role="status">
        {error ? <p class="error-text">{error}</p> : null}
        {hits && !hits.length ? <p class="muted">No lecture you can watch says that.</p> : null}
      </div>
      {hits?.length ? (
        <ul class="card-list transcript-hits">
          {hits.map((hit) => (
            <li key={hit.recordingId} class="card">
              <div class="card-main">
                <span class="card-title">{hit.title}</span>
                <ul class="transcript-moments">
                  {hit.moments.map((m) => (
                    <li key={m.startMs}>
                      <a
                        href={`${routeHref({ name: 'watch', recordingId: hit.recordingId })}?t=${Math.floor(m.startMs / 1000)}`}
                      >
                        <span class="transcript-time">{formatClock(m.startMs / 1000)}</span> {m.text}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
