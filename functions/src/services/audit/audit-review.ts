// The admin's view of the audit log: its entries, the tallies of repeated refusals, and the
// verification of a day's hash chains (audit-verification.ts; bounded reads, resumable, itself
// audited). Admins only.
import type { Caller } from '../../domain/access/caller';
import { dayOf } from '../../domain/audit/audit-chain';
import { queryAuditLog, recentAuditCounters, type AuditQuery } from '../../store/audit-readers';
import { writeAudit } from '../../store/audit-writer';
import { requireAdmin } from '../access/role-gates';
import { verifyAuditDay, type VerifyCursor } from './audit-verification';

/** Entries one verification call reads at most: a busy day takes several calls, each a few cents' worth at most. */
export const VERIFY_BUDGET = 2000;
/** Findings one call reports at most: the first ones are what an admin acts on. */
const MAX_FINDINGS = 50;

export async function queryAudit(actor: Caller, q: AuditQuery) {
  await requireAdmin(actor, 'read-audit');
  return queryAuditLog(q);
}

export async function auditCounters(actor: Caller) {
  await requireAdmin(actor, 'read-audit');
  return { counters: await recentAuditCounters(100) };
}

export async function verifyAudit(
  actor: Caller,
  request: { day?: string; from?: VerifyCursor | null },
  nowMs = Date.now(),
) {
  await requireAdmin(actor, 'verify-audit');
  const day = request.day ?? dayOf(nowMs);
  const result = await verifyAuditDay(day, request.from ?? null, VERIFY_BUDGET);
  const first = result.findings[0];
  await writeAudit(
    actor,
    {
      action: 'verify-audit',
      outcome: 'ok',
      reason: `${day}: ${result.checked} entries, ${first ? `${result.findings.length} broken, first ${first.entryId} (${first.problem})` : 'intact'}${result.next ? ', continues' : ''}`,
    },
    nowMs,
  );
  return { ...result, findings: result.findings.slice(0, MAX_FINDINGS), ok: result.findings.length === 0 };
}
