// recordingKeys/{recordingId}: the per-recording AES-128 key, stored only wrapped by the KEK, with
// the KEK version that wrapped it. Never logged; leaves the server only through the key endpoint.
// Rotation (docs/ingest-and-retention.md): a new version goes first in RECORDING_KEK, then
// rewrapKeyPage() moves every stored key to it, page by page; then the old version can go.
import type { WriteBatch } from 'firebase-admin/firestore';
import { LEGACY_KEK_VERSION, parseKekRing, type KekRing } from '../domain/keys/kek-ring';
import { newRecordingKey, unwrapKey, wrapKey } from '../domain/keys/segment-crypto';
import { recordingKek } from '../params';
import { db } from './firebase';
import { indexedQuery } from './indexed-query';

const keys = () => db().collection('recordingKeys');
const keyRef = (recordingId: string) => keys().doc(recordingId);

/** The keyring of the RECORDING_KEK secret (parsed on use: secrets are read at request time). */
export const kekRing = (): KekRing => parseKekRing(recordingKek.value());

function kekFor(ring: KekRing, version: string, recordingId: string): Buffer {
  const kek = ring.kek(version);
  if (!kek)
    throw new Error(
      `the key of recording ${recordingId} is wrapped by KEK version ${version}, which RECORDING_KEK no longer holds`,
    );
  return kek;
}

const versionOf = (data: FirebaseFirestore.DocumentData | undefined): string =>
  (data?.kekVersion as string | undefined) ?? LEGACY_KEK_VERSION;

/** Adds a fresh wrapped key for the recording to the batch that creates it. */
export function createKeyInBatch(batch: WriteBatch, recordingId: string, nowMs: number): void {
  const ring = kekRing();
  batch.create(keyRef(recordingId), {
    wrapped: wrapKey(newRecordingKey(), kekFor(ring, ring.current, recordingId), recordingId),
    kekVersion: ring.current,
    createdAtMs: nowMs,
  });
}

export async function recordingKey(recordingId: string): Promise<Buffer> {
  const snap = await keyRef(recordingId).get();
  if (!snap.exists) throw new Error(`no key for recording ${recordingId}`);
  return unwrapKey(snap.get('wrapped') as string, kekFor(kekRing(), versionOf(snap.data()), recordingId), recordingId);
}

export const deleteKeyInBatch = (batch: WriteBatch, recordingId: string): WriteBatch =>
  batch.delete(keyRef(recordingId));

export interface RewrapPage {
  scanned: number;
  rewrapped: number;
  /** Keys wrapped by a version the ring no longer holds: left untouched, named for the admin. */
  unreadable: string[];
  /** Resume after this id; null when the last page was done. */
  next: string | null;
}

/**
 * Re-wraps one page of stored keys (in id order, after `afterId`) under the ring's current version.
 * Idempotent and resumable: keys already current are skipped, and each write is conditional on the
 * document being unchanged since it was read, so a concurrent run or delete is never overwritten.
 */
export async function rewrapKeyPage(afterId: string | null, limit: number, nowMs: number): Promise<RewrapPage> {
  const ring = kekRing();
  // '__name__' is the document id: id order is stable while keys are being rewritten.
  const page = await indexedQuery(keys(), {
    orderBy: [['__name__', 'asc']],
    startAfter: afterId ?? undefined,
    limit,
  }).get();
  const stale = page.docs.filter((doc) => versionOf(doc.data()) !== ring.current);
  const unreadable = stale.filter((doc) => !ring.kek(versionOf(doc.data()))).map((doc) => doc.id);
  const batch = db().batch();
  let rewrapped = 0;
  for (const doc of stale) {
    const oldKek = ring.kek(versionOf(doc.data()));
    if (!oldKek) continue;
    const key = unwrapKey(doc.get('wrapped') as string, oldKek, doc.id);
    const wrapped = wrapKey(key, kekFor(ring, ring.current, doc.id), doc.id);
    batch.update(
      doc.ref,
      { wrapped, kekVersion: ring.current, rewrappedAtMs: nowMs },
      { lastUpdateTime: doc.updateTime },
    );
    rewrapped++;
  }
  if (rewrapped) await batch.commit();
  return { scanned: page.size, rewrapped, unreadable, next: page.size < limit ? null : page.docs[page.size - 1]!.id };
}
