// The Audit section's integrity panel: the tallies of repeated refusals, and "Verify audit log"
// over one day's hash chains, page by page (each page a bounded read on the server).
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage } from '../../ui/loader-model';
import type { AdminApi, AuditCounter, AuditFinding, AuditVerification } from '../../api/admin-api';

/** A verification so far: the pages checked, their findings together, and whether more remain. */
export interface VerificationSoFar {
  day: string;
  checked: number;
  reads: number;
  findings: readonly AuditFinding[];
  more: boolean;
}

export interface AuditIntegrityModel {
  readonly counters: ReadonlySignal<readonly AuditCounter[]>;
  readonly verification: ReadonlySignal<VerificationSoFar | null>;
  readonly verifying: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  /** Starts a verification of `day` (YYYY-MM-DD, UTC; empty: today). */
  verify(day: string): Promise<void>;
  /** Checks the next page of the verification under way. */
  continueVerify(): Promise<void>;
}

const PROBLEMS: Record<AuditFinding['problem'], string> = {
  edited: 'content edited',
  missing: 'entry deleted (its successor names it as predecessor)',
  'broken-link': 'predecessor changed and re-hashed',
  'head-mismatch': 'last entry replaced',
};

/** One finding in words: which entry, which chain, what is wrong. */
export function findingText(f: AuditFinding): string {
  return `Entry ${f.entryId} (day ${f.day}, shard ${f.shard}, #${f.seq}): ${PROBLEMS[f.problem]}`;
}

/** The verification's outcome in words; a day with no entries says so instead of "0 entries verified". */
export function verificationText(v: VerificationSoFar): string {
  const n = v.findings.length;
  if (n) return `Audit log of ${v.day}: ${n} broken link${n === 1 ? '' : 's'} in ${v.checked} entries.`;
  if (v.checked === 0 && !v.more) return `Audit log of ${v.day}: no entries that day, so nothing to verify.`;
  return `Audit log of ${v.day}: ${v.checked} entries verified, no broken link${v.more ? ' so far' : ''}.`;
}

/** A tally in words, e.g. "anonymous key denied from 203.0.113.x: 20 in 10 min". */
export function counterText(c: AuditCounter): string {
  const who =
    c.uid === 'anonymous'
      ? `anonymous ${c.action} ${c.outcome} from ${c.network ?? 'unknown'}`
      : `${c.email ?? c.uid} ${c.action} ${c.outcome}`;
  const what = [c.recordingId, c.uid === 'anonymous' ? null : c.reason].filter(Boolean).join(', ');
  return `${who}${what ? ` (${what})` : ''}: ${c.count} in ${Math.round(c.windowMs / 60_000)} min`;
}

export function createAuditIntegrityModel(api: Pick<AdminApi, 'auditCounters' | 'verifyAudit'>): AuditIntegrityModel {
  const counters = signal<readonly AuditCounter[]>([]);
  const verification = signal<VerificationSoFar | null>(null);
  const verifying = signal(false);
  const error = signal<string | null>(null);
  let next: AuditVerification['next'] = null;

  async function run(body: { day?: string; from?: AuditVerification['next'] }, append: boolean) {
    batch(() => {
      verifying.value = true;
      error.value = null;
    });
    try {
      const page = await api.verifyAudit(body);
      const before = append ? verification.value : null;
      next = page.next;
      verification.value = {
        day: page.day,
        checked: (before?.checked ?? 0) + page.checked,
        reads: (before?.reads ?? 0) + page.reads,
        findings: [...(before?.findings ?? []), ...page.findings],
        more: page.next !== null,
      };
    } catch (failure) {
      error.value = errorMessage(failure, 'Could not verify the audit log.');
    } finally {
      verifying.value = false;
    }
  }

  void api.auditCounters().then(
    (list) => (counters.value = list),
    (failure) => (error.value = errorMessage(failure, 'Could not load the refusal counts.')),
  );
  return {
    counters,
    verification,
    verifying,
    error,
    verify: (day) => run(day ? { day } : {}, false),
    continueVerify: () =>
      next && verification.value ? run({ day: verification.value.day, from: next }, true) : Promise.resolve(),
  };
}
