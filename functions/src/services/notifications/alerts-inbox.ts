// The admin's alerts inbox: newest first, with an unread count; marking one read.
import type { Caller } from '../../domain/access/caller';
import { NotFound } from '../../errors';
import { alertPage, setAlertRead, type AlertView } from '../../store/alerts';
import { writeAudit } from '../../store/audit';
import { requireAdmin } from '../access/role-gates';

export type { AlertView } from '../../store/alerts';

export async function listAlerts(actor: Caller, limit: number): Promise<{ alerts: AlertView[]; unread: number }> {
  await requireAdmin(actor, 'list-alerts');
  return alertPage(limit);
}

export async function markAlertRead(actor: Caller, alertId: string, nowMs = Date.now()): Promise<void> {
  await requireAdmin(actor, 'read-alert');
  if (!(await setAlertRead(alertId, actor.uid, nowMs))) throw new NotFound('No such alert.');
  await writeAudit(actor, { action: 'read-alert', outcome: 'ok', reason: alertId }, nowMs);
}
