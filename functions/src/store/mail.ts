// mail/{id}: the outbox the Firebase "Trigger Email" extension (firestore-send-email) sends from and
// writes its delivery state into. One document per recipient and cause, with an id derived from
// both, created (never overwritten): a trigger that runs twice mails nobody twice. Server-only
// (firestore.rules); the extension's own TTL option deletes delivered documents
// (docs/attendance-and-consent.md). Per-user opt-out: users/{uid}.mailOptOut.
import { createHash } from 'node:crypto';
import type { MailMessage } from '../domain/messages/mail-messages';
import { db, isAlreadyExists } from './firebase';
import { userRef } from './users';

const mail = () => db().collection('mail');
const idOf = (cause: string, recipient: string) =>
  `${cause}_${createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 24)}`;

/** Queues each message once per (cause, recipient); how many were new. */
export async function queueMail(cause: string, messages: readonly MailMessage[], nowMs: number): Promise<number> {
  const created = await Promise.all(
    messages.map((m) =>
      mail()
        .doc(idOf(cause, m.to[0]!))
        .create({ ...m, cause, createdAtMs: nowMs })
        .then(
          () => 1,
          (error: unknown) => {
            if (isAlreadyExists(error)) return 0;
            throw error;
          },
        ),
    ),
  );
  return created.reduce<number>((a, b) => a + b, 0);
}

export async function setMailOptOut(uid: string, optOut: boolean): Promise<void> {
  await userRef(uid).update({ mailOptOut: optOut });
}
