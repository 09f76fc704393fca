// The Audit section's integrity panel: "Verify audit log" for a day's hash chains (the first
// broken links named), and the tallies of refusals the server counted instead of storing each.
import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import type { AdminApi } from '../../api/admin-api';
import { formatDate } from '../../ui/format-derive';
import { counterText, createAuditIntegrityModel, findingText, verificationText } from './audit-integrity-model';

export function AuditIntegrity({ api }: { api: Pick<AdminApi, 'auditCounters' | 'verifyAudit'> }) {
  const model = useMemo(() => createAuditIntegrityModel(api), [api]);
  const day = useSignal('');
  const result = model.verification.value;
  const counters = model.counters.value;
  return (
    <section class="audit-integrity" aria-labelledby="audit-integrity-title">
      <h2 id="audit-integrity-title">Integrity</h2>
      <form
        class="filters"
        aria-label="Verify the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          void model.verify(day.value);
        }}
      >
        <label>
          Day (UTC)
          <input type="date" value={day.value} onInput={(e) => (day.value = (e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="button button-primary button-small" disabled={model.verifying.value}>
          {model.verifying.value ? 'Verifying…' : 'Verify audit log'}
        </button>
      </form>
      {model.error.value ? (
        <p class="status-failed" role="alert">
          {model.error.value}
        </p>
      ) : null}
      {result ? (
        <div role="status" class="audit-verification">
          <p class={result.findings.length ? 'status-failed' : 'status-ready'}>
            {verificationText(result)} <span class="muted">({result.reads} reads)</span>
          </p>
          {result.findings.length ? (
            <ul class="audit-findings">
              {result.findings.map((f) => (
                <li key={`${f.entryId}-${f.problem}`}>{findingText(f)}</li>
              ))}
            </ul>
          ) : null}
          {result.more ? (
            <button
              type="button"
              class="button button-small"
              onClick={() => void model.continueVerify()}
              disabled={model.verifying.value}
            >
              Continue verifying
            </button>
          ) : null}
        </div>
      ) : null}
      {counters.length ? (
        <>
          <h3>Repeated refusals (counted, not stored one by one)</h3>
          <ul class="audit-counters">
            {counters.map((c) => (
              <li key={c.id}>
                {counterText(c)} <span class="muted">last {formatDate(c.lastSeenMs)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
