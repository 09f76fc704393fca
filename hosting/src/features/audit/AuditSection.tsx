// Audit log viewer: who did what to which recording, when, from where, with filters and paging;
// above it the integrity panel (verification of the hash chains, tallies of repeated refusals).
// Emails arrive masked from the server, with the person's name and the recording's title beside
// them (audit-derive.ts); the filters pick people and recordings by name; "Export CSV" saves every
// entry of the filter. Tokens and keys are never stored.
import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { AuditIntegrity } from './AuditIntegrity';
import { createAuditModel } from './audit-model';
import { auditCsv, auditCsvFileName, subjectText, whoText } from './audit-derive';
import { saveCsv } from '../../ui/csv';
import { createLoader } from '../../ui/loader-model';
import '../../ui/console.css';
import './audit.css';
import { EmptyPanel, ErrorPanel, LoadingPanel } from '../../ui/StatusPanels';
import { useApp, type SectionProps } from '../../app/app-context';
import { endOfDayMs, formatDate, startOfDayMs } from '../../ui/format-derive';

const ACTIONS = [
  'watch',
  'playlist',
  'key',
  'heartbeat',
  'download',
  'start',
  'stop',
  'force-stop',
  'recording-ended',
  'grant',
  'ungrant',
  'revoke',
  'batch-add',
  'batch-remove',
  'teacher-download',
  'delete',
  'set-expiry',
  'set-retention',
  'read-alert',
  'orphan-adopted',
  'egress-lost',
  'verify-audit',
];

export function AuditSection(_props: SectionProps) {
  const { admin, recordings: recordingsApi } = useApp().api;
  const model = useMemo(() => createAuditModel(admin), [admin]);
  // The pickers' choices; a filter still works by "Any" while they load or if they fail.
  const people = useMemo(() => createLoader(() => admin.people()), [admin]);
  const recordings = useMemo(() => createLoader(() => recordingsApi.list()), [recordingsApi]);
  const peopleState = people.state.value;
  const recordingsState = recordings.state.value;
  const exportNote = useSignal<string | null>(null);
  const exporting = useSignal(false);
  async function exportCsv(): Promise<void> {
    exporting.value = true;
    exportNote.value = null;
    try {
      const { entries: all, cut } = await model.everyEntry();
      saveCsv(auditCsvFileName(Date.now()), auditCsv(all));
      exportNote.value = cut
        ? `Exported the newest ${all.length} entries. Narrow the filter or dates to export the rest.`
        : `Exported ${all.length} entr${all.length === 1 ? 'y' : 'ies'}.`;
    } catch {
      exportNote.value = 'The export failed. Please try again.';
    } finally {
      exporting.value = false;
    }
  }
  const action = useSignal('');
  const outcome = useSignal('');
  const recordingId = useSignal('');
  const uid = useSignal('');
  const from = useSignal('');
  const to = useSignal('');
  const entries = model.entries.value;
  const bind = (s: { value: string }) => (e: Event) => (s.value = (e.target as HTMLInputElement).value);

  return (
    <>
      <AuditIntegrity api={admin} />
      <form
        class="filters"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          void model.apply({
            action: action.value || undefined,
            outcome: outcome.value || undefined,
            recordingId: recordingId.value.trim() || undefined,
            uid: uid.value.trim() || undefined,
            fromMs: startOfDayMs(from.value) ?? undefined,
            toMs: endOfDayMs(to.value) ?? undefined,
          });
        }}
      >
        <label>
          Action
          <select value={action.value} onChange={bind(action)}>
            <option value="">Any</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select value={outcome.value} onChange={bind(outcome)}>
            <option value="">Any</option>
            <option value="ok">ok</option>
            <option value="denied">denied</option>
            <option value="refused">refused</option>
            <option value="error">error</option>
          </select>
        </label>
        <label>
          Recording
          <select value={recordingId.value} onChange={bind(recordingId)}>
            <option value="">Any</option>
            {recordingsState.kind === 'ready'
              ? recordingsState.value.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title} · {formatDate(r.createdAtMs)}
                  </option>
                ))
              : null}
          </select>
        </label>
        <label>
          Person
          <select value={uid.value} onChange={bind(uid)}>
            <option value="">Anyone</option>
            {peopleState.kind === 'ready'
              ? peopleState.value.map((p) => (
                  <option key={p.uid} value={p.uid}>
                    {p.name} ({p.role})
                  </option>
                ))
              : null}
          </select>
        </label>
        <label>
          From
          <input type="date" value={from.value} onInput={bind(from)} />
        </label>
        <label>
          To
          <input type="date" value={to.value} onInput={bind(to)} />
        </label>
        <button type="submit" class="button button-primary button-small">
          Apply filters
        </button>
        <button type="button" class="button button-small" disabled={exporting.value} onClick={() => void exportCsv()}>
          {exporting.value ? 'Exporting…' : 'Export CSV'}
        </button>
      </form>
      {exportNote.value ? (
        <p role="status" class="muted">
          {exportNote.value}
        </p>
      ) : null}
      {model.error.value ? <ErrorPanel title="Could not load the audit log" message={model.error.value} /> : null}
      {entries.length === 0 && model.loading.value ? <LoadingPanel label="Loading the audit log…" /> : null}
      {entries.length === 0 && !model.loading.value && !model.error.value ? (
        <EmptyPanel title="No entries">
          <p class="muted">Nothing matches these filters.</p>
        </EmptyPanel>
      ) : null}
      {entries.length > 0 ? (
        <table class="data-table audit-table" aria-live="polite">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Recording</th>
              <th scope="col">Detail</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td data-label="When">{formatDate(e.atMs)}</td>
                <td data-label="Who">{whoText(e)}</td>
                <td data-label="Action">{e.action}</td>
                <td data-label="Outcome">
                  <span class={e.outcome === 'ok' ? 'status-ready' : 'status-failed'}>{e.outcome}</span>
                </td>
                <td data-label="Recording">{subjectText(e)}</td>
                <td data-label="Detail">{e.reason ?? ''}</td>
                <td data-label="From">{e.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {model.hasMore.value ? (
        <button type="button" class="button" onClick={() => void model.loadMore()} disabled={model.loading.value}>
          {model.loading.value ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
    </>
  );
}
