// The admin's view of the audit log: its entries, the tallies of repeated refusals, and the
// verification of a day's hash chains (audit-verification.ts; bounded reads, resumable, itself
// audited). Admins only.
import type { Caller } from '../../domain/access/caller';
import { dayOf } from '../../domain/audit/audit-chain';
import type { AuditEntry } from '@lecturevault/contract';
import { queryAuditLog, recentAuditCounters, type AuditQuery } from '../../store/audit-readers';
import { getMeeting } from '../../store/meetings';
import { recordingsByIds } from '../../store/recordings';
import { userNames } from '../../store/users';
import { writeAudit } from '../../store/audit-writer';
import { requireAdmin } from '../access/role-gates';
import { verifyAuditDay, type VerifyCursor } from './audit-verification';

/** Entries one verification call reads at most: a busy day takes several calls, each a few cents' worth at most. */
export const VERIFY_BUDGET = 2000;
/** Findings one call reports at most: the first ones are what an admin acts on. */
const MAX_FINDINGS = 50;

export async function queryAudit(actor: Caller, q: AuditQuery) {
  await requireAdmin(actor, 'read-audit');
  const page = await queryAuditLog(q);
  return { ...page, entries: await withNames(page.entries) };
}

/**
 * The page's entries with the names an admin reads: the person's name (live from users/; emails
 * stay as stored, masked) and the recording's and meeting's titles. Read once per page: the
 * distinct people, recordings and meetings of up to 200 entries. Only admins read the audit log,
 * and an admin sees every name in the console, so names are not masked here.
 */
async function withNames(entries: AuditEntry[]) {
  const distinct = <T>(values: (T | null | undefined)[]) => [...new Set(values.filter((v): v is T => v != null))];
  const [names, recordings] = await Promise.all([
    userNames(distinct(entries.map((e) => e.uid))),
    recordingsByIds(distinct(entries.map((e) => e.recordingId))),
  ]);
  const meetingIds = distinct([...entries.map((e) => e.meetingId), ...recordings.map((r) => r.meetingId)]);
  const meetings = new Map(
    (await Promise.all(meetingIds.map(getMeeting))).flatMap((m, i) => (m ? [[meetingIds[i], m.title] as const] : [])),
  );
  const byId = new Map(recordings.map((r) => [r.id, r]));
  return entries.map((e) => {
    const recording = e.recordingId ? byId.get(e.recordingId) : undefined;
    const meetingId = e.meetingId ?? recording?.meetingId;
    return {
      ...e,
      name: (e.uid && names.get(e.uid)) || null,
      recordingTitle: recording ? (recording.title ?? meetings.get(recording.meetingId) ?? null) : null,
      meetingTitle: (meetingId && meetings.get(meetingId)) || null,
    };
  });
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
