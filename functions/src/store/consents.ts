// consentLedger/{recordingId}_{hash of identity}: one participant of one recording: when LiveKit
// saw them in the room while it recorded, when they left, and their answer to the consent banner.
// Never deleted with the recording: like its audit entries, the ledger is the proof that people
// were told (docs/attendance-and-consent.md).
import { createHash } from 'node:crypto';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { mergePresence, type ConsentAnswer } from '../domain/recording/consent-rules';
import { db, withoutUndefined } from './firebase';
import { indexedQuery } from './indexed-query';

export interface LedgerEntry {
  recordingId: string;
  meetingId: string;
  /** The LiveKit identity (a uid on this platform; anything for a foreign client). */
  identity: string;
  joinedAtMs: number | null;
  leftAtMs: number | null;
  answer: ConsentAnswer | null;
  answeredAtMs: number | null;
}

const ledger = () => db().collection('consentLedger');
/** Identities are not ours to trust as document ids (up to 1500 bytes of anything): hashed. */
const entryRef = (recordingId: string, identity: string) =>
  ledger().doc(`${recordingId}_${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`);

const entryOf = (snap: DocumentSnapshot): LedgerEntry => {
  const d = snap.data()!;
  return {
    recordingId: d.recordingId,
    meetingId: d.meetingId,
    identity: d.identity,
    joinedAtMs: d.joinedAtMs ?? null,
    leftAtMs: d.leftAtMs ?? null,
    answer: d.answer ?? null,
    answeredAtMs: d.answeredAtMs ?? null,
  };
};

/** A participant seen in the room (present) or leaving it while the recording ran. */
export async function notePresence(
  recording: { id: string; meetingId: string },
  identity: string,
  change: { kind: 'present' | 'left'; atMs: number },
): Promise<void> {
  const ref = entryRef(recording.id, identity);
  await db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const merged = mergePresence(snap.exists ? entryOf(snap) : {}, change);
    tx.set(ref, { recordingId: recording.id, meetingId: recording.meetingId, identity, ...merged }, { merge: true });
  });
}

/** The banner's answer; a later answer replaces an earlier one (the first is kept beside it). */
export async function noteAnswer(
  recording: { id: string; meetingId: string },
  identity: string,
  answer: ConsentAnswer,
  atMs: number,
): Promise<void> {
  const ref = entryRef(recording.id, identity);
  await db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const first = snap.get('firstAnswer') as string | undefined;
    tx.set(
      ref,
      withoutUndefined({
        recordingId: recording.id,
        meetingId: recording.meetingId,
        identity,
        answer,
        answeredAtMs: atMs,
        firstAnswer: first ? undefined : answer,
        firstAnsweredAtMs: first ? undefined : atMs,
      }),
      { merge: true },
    );
  });
}

/** Every participant of a recording (one single-field query). */
export async function ledgerOf(recordingId: string): Promise<LedgerEntry[]> {
  return (await indexedQuery(ledger(), { equals: { recordingId } }).get()).docs.map(entryOf);
}
