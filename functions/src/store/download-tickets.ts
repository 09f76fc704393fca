// downloadTickets/{id}: one-time, short-lived download links. A browser cannot attach an ID token
// header to a navigation, and a navigation is what streams a multi-GB lecture to disk instead of
// into the page's memory. A ticket is not a bearer link: it keeps the hash of the ID token that
// minted it, and redeeming it takes that same token (a form field of the navigation), so the link
// alone, copied to another browser or account, opens nothing. Redeeming deletes the ticket; the
// access check runs again when the bytes flow.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { db, removeAt } from './firebase';

/** The file a link gives: the segments as they are (MPEG-TS) or remuxed into MP4. */
export type DownloadFormat = 'ts' | 'mp4';

export interface DownloadTicket {
  uid: string;
  email: string | null;
  recordingId: string;
  expiresAtMs: number;
  /** Absent: 'ts'. */
  format?: DownloadFormat;
}

/** Stored: the ticket and the hash (never the token itself) of the ID token that minted it. */
interface StoredTicket extends DownloadTicket {
  proofHash: string;
}

const tickets = () => db().collection('downloadTickets');
const TICKET_ID = /^[A-Za-z0-9_-]{32}$/;
const hashOf = (proof: string) => createHash('sha256').update(proof).digest();

/** `proof`: the raw ID token of the minting request; only its SHA-256 is kept. */
export async function createDownloadTicket(ticket: DownloadTicket, proof: string): Promise<string> {
  const id = randomBytes(24).toString('base64url'); // 32 characters, 192 bits: unguessable
  const stored: StoredTicket = { ...ticket, proofHash: hashOf(proof).toString('base64url') };
  // Never-followed links disappear by the TTL policy.
  await tickets()
    .doc(id)
    .create({ ...stored, ...removeAt(ticket.expiresAtMs) });
  return id;
}

export type Redeemed = { ok: true; ticket: DownloadTicket } | { ok: false; why: 'gone' | 'not-yours' };

/**
 * The ticket if it exists, is unexpired and `proof` is the token that minted it; it is gone
 * afterwards (single use), expired or not. A wrong proof leaves it for the browser it belongs to:
 * someone holding a leaked link cannot use it up.
 */
export async function redeemDownloadTicket(id: string, proof: string, nowMs: number): Promise<Redeemed> {
  if (!TICKET_ID.test(id)) return { ok: false, why: 'gone' };
  const ref = tickets().doc(id);
  return db().runTransaction(async (tx): Promise<Redeemed> => {
    const snap = await tx.get(ref);
    if (!snap.exists) return { ok: false, why: 'gone' };
    const { uid, email, recordingId, expiresAtMs, proofHash, format } = snap.data() as StoredTicket;
    const expected = Buffer.from(proofHash ?? '', 'base64url');
    const given = hashOf(proof);
    if (expiresAtMs <= nowMs) {
      tx.delete(ref);
      return { ok: false, why: 'gone' };
    }
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, why: 'not-yours' };
    tx.delete(ref);
    return { ok: true, ticket: { uid, email, recordingId, expiresAtMs, ...(format === 'mp4' ? { format } : {}) } };
  });
}
