// The admin's alerts inbox: newest first, with an unread count; marking one read.
import { NotFound } from '../errors';
import { writeAudit, type Actor } from '../store/audit';
import { db } from '../store/firebase';
import { requireAdmin } from './admin-recordings';

const NOT_FOUND = 5; // gRPC code of update() on a missing document

export interface AlertView {
  id: string;
  kind: string;
  message: string;
  recordingId: string | null;
  meetingId: string | null;
  atMs: number;
  read: boolean;
}

export async function listAlerts(actor: Actor, limit: number): Promise<{ alerts: AlertView[]; unread: number }> {
  await requireAdmin(actor, 'list-alerts');
  const alerts = db().collection('alerts');
  const [page, unread] = await Promise.all([
    alerts.orderBy('atMs', 'desc').limit(limit).get(),
    alerts.where('read', '==', false).count().get(),
  ]);
  return {
    alerts: page.docs.map((d) => ({
      id: d.id,
      kind: String(d.get('kind') ?? 'unknown'),
      message: String(d.get('message') ?? ''),
      recordingId: (d.get('recordingId') as string | undefined) ?? null,
      meetingId: (d.get('meetingId') as string | undefined) ?? null,
      atMs: Number(d.get('atMs') ?? 0),
      read: d.get('read') === true,
    })),
    unread: unread.data().count,
  };
}

export async function markAlertRead(actor: Actor, alertId: string, nowMs = Date.now()): Promise<void> {
  await requireAdmin(actor, 'read-alert');
  const ref = db().collection('alerts').doc(alertId);
  try {
    await ref.update({ read: true, readAtMs: nowMs, readBy: actor.uid });
  } catch (error) {
    if ((error as { code?: number }).code === NOT_FOUND) throw new NotFound('No such alert.');
    throw error;
  }
  await writeAudit(actor, { action: 'read-alert', outcome: 'ok', reason: alertId }, nowMs);
}
