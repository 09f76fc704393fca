// downloadTickets/{id}: one-time, short-lived download links. A browser cannot attach an ID token
// to a navigation, and a navigation is what streams a multi-GB lecture to disk instead of into the
// page's memory. Redeeming deletes the ticket; the access check runs again when the bytes flow.
import { randomBytes } from 'node:crypto';
import { db, removeAt } from './firebase';

export interface DownloadTicket {
  uid: string;
  email: string | null;
  recordingId: string;
  expiresAtMs: number;
}

const tickets = () => db().collection('downloadTickets');
const TICKET_ID = /^[A-Za-z0-9_-]{32}$/;

export async function createDownloadTicket(ticket: DownloadTicket): Promise<string> {
  const id = randomBytes(24).toString('base64url'); // 32 characters, 192 bits: unguessable
  // Never-followed links disappear by the TTL policy.
  await tickets()
    .doc(id)
    .create({ ...ticket, ...removeAt(ticket.expiresAtMs) });
  return id;
}

/** The ticket if it exists and is unexpired; it is gone afterwards either way (single use). */
export async function redeemDownloadTicket(id: string, nowMs: number): Promise<DownloadTicket | null> {
  if (!TICKET_ID.test(id)) return null;
  const ref = tickets().doc(id);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return null;
    tx.delete(ref);
    const { uid, email, recordingId, expiresAtMs } = snap.data() as DownloadTicket;
    return expiresAtMs > nowMs ? { uid, email, recordingId, expiresAtMs } : null;
  });
}
