// recordingKeys/{recordingId}: the per-recording AES-128 key, stored only wrapped by the KEK.
// Never logged; leaves the server only through the key endpoint.
import type { WriteBatch } from 'firebase-admin/firestore';
import { kekFromSecret, newRecordingKey, unwrapKey, wrapKey } from '../domain/segment-crypto';
import { recordingKek } from '../params';
import { db } from './firebase';

const keyRef = (recordingId: string) => db().collection('recordingKeys').doc(recordingId);
const kek = () => kekFromSecret(recordingKek.value());

/** Adds a fresh wrapped key for the recording to the batch that creates it. */
export function createKeyInBatch(batch: WriteBatch, recordingId: string, nowMs: number): void {
  batch.create(keyRef(recordingId), { wrapped: wrapKey(newRecordingKey(), kek(), recordingId), createdAtMs: nowMs });
}

export async function recordingKey(recordingId: string): Promise<Buffer> {
  const snap = await keyRef(recordingId).get();
  if (!snap.exists) throw new Error(`no key for recording ${recordingId}`);
  return unwrapKey(snap.get('wrapped') as string, kek(), recordingId);
}

export const deleteKeyInBatch = (batch: WriteBatch, recordingId: string): WriteBatch => batch.delete(keyRef(recordingId));
