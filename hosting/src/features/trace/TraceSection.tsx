// "Trace a leak" (admins only): upload a clip of a leaked copy, optionally say which recording it
// is, and read the tracer's report: its verdict in words, and each viewer it names with how sure.
import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import '../../ui/console.css';
import { createTraceModel, readingText, suspectRows, verdictText } from './trace-model';
import type { TraceReport } from '../../api/admin-api';
import { useApp, type SectionProps } from '../../app/app-context';
import { formatBytes, formatDate } from '../../ui/format-derive';
import { createLoader } from '../../ui/loader-model';

function Report({ report }: { report: TraceReport }) {
  const verdict = verdictText(report);
  const rows = suspectRows(report);
  return (
    <section aria-labelledby="trace-report-title" class="trace-report">
      <h2 id="trace-report-title" class={verdict.tone === 'ok' ? 'status-ready' : 'status-failed'}>
        {verdict.headline}
      </h2>
      <p>{report.message}</p>
      <p class="muted">
        {verdict.explanation} {readingText(report)}
      </p>
      {rows.length ? (
        <table class="data-table">
          <caption class="muted">Named viewers</caption>
          <thead>
            <tr>
              <th scope="col">Viewer</th>
              <th scope="col">User id</th>
              <th scope="col">Copy made by</th>
              <th scope="col">Started</th>
              <th scope="col">From IP</th>
              <th scope="col">Segments matching</th>
              <th scope="col">Chance of a false match</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td data-label="Viewer">
                  {row.name} <span class="muted">{row.email}</span>
                </td>
                <td data-label="User id">{row.uid}</td>
                <td data-label="Copy made by">{row.how}</td>
                <td data-label="Started">{formatDate(row.startedAtMs)}</td>
                <td data-label="From IP">{row.ip}</td>
                <td data-label="Segments matching">{row.matched}</td>
                <td data-label="Chance of a false match">{row.falseMatch}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function TraceSection(_props: SectionProps) {
  const { admin, recordings } = useApp().api;
  const model = useMemo(() => createTraceModel(admin), [admin]);
  const list = useMemo(() => createLoader(() => recordings.list(), 'Could not load the recordings.'), [recordings]);
  const file = useSignal<File | null>(null);
  const recordingId = useSignal('');
  const state = model.state.value;
  const options = list.state.value.kind === 'ready' ? list.state.value.value : [];
  return (
    <>
      <h2 class="section-title">Upload a clip</h2>
      <p class="muted">
        Every copy that leaves through a viewer’s session or a download carries that viewer’s codeword. Upload a clip of
        a leaked copy (a few minutes, re-encoded or not) to learn whose it is.
      </p>
      <form
        class="filters"
        aria-label="Trace a clip"
        onSubmit={(event) => {
          event.preventDefault();
          void model.trace(file.value!, recordingId.value);
        }}
      >
        <label>
          Clip
          <input
            type="file"
            accept="video/*,.ts,.mkv,.mp4,.webm,.mov"
            onChange={(e) => {
              file.value = (e.target as HTMLInputElement).files?.[0] ?? null;
              model.reset();
            }}
          />
        </label>
        <label>
          Recording (if known)
          <select
            value={recordingId.value}
            onChange={(e) => (recordingId.value = (e.target as HTMLSelectElement).value)}
          >
            <option value="">Find it from the clip</option>
            {options.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title} · {formatDate(r.createdAtMs)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button button-primary button-small" disabled={state.kind === 'tracing'}>
          {state.kind === 'tracing' ? 'Tracing…' : 'Trace'}
        </button>
      </form>
      {state.kind === 'tracing' ? (
        <p role="status" aria-live="polite">
          Tracing {state.fileName} ({formatBytes(state.bytes)}): uploading, then matching it against the recordings and
          reading its codeword. This takes a while for a long clip.
        </p>
      ) : null}
      {state.kind === 'failed' ? (
        <p class="status-failed" role="alert">
          {state.message}
        </p>
      ) : null}
      {state.kind === 'done' ? <Report report={state.report} /> : null}
    </>
  );
}
