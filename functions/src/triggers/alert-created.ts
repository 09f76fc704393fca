// A new alert (any writer: crashes, gaps, storage): mailed to the admins.
import type { FirestoreEvent, QueryDocumentSnapshot } from 'firebase-functions/firestore';
import { notifyAdminsOfAlert } from '../services/notifications/notifications';

export async function handleAlertCreated(
  event: FirestoreEvent<QueryDocumentSnapshot | undefined, { alertId: string }>,
): Promise<void> {
  const data = event.data?.data();
  if (!data) return;
  await notifyAdminsOfAlert(event.params.alertId, {
    kind: String(data.kind ?? 'alert'),
    message: String(data.message ?? ''),
  });
}
