// webhookEvents/{eventId}: one doc per LiveKit event id; create() makes delivery idempotent.
import { FieldValue } from 'firebase-admin/firestore';
import type { VerifiedWebhook } from '../livekit/clients';
import { db } from './firebase';

const ALREADY_EXISTS = 6;

/** Stores the event; false when this id was seen before (a retry or a duplicate). */
export async function recordWebhookEvent(event: VerifiedWebhook): Promise<boolean> {
  try {
    await db()
      .collection('webhookEvents')
      .doc(event.id)
      .create({ ...stripUndefined(event), receivedAt: FieldValue.serverTimestamp() });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === ALREADY_EXISTS) return false;
    throw error;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
