// Encrypted segments in Storage (recordings/{id}/segments/{seq}.ts, or {seq}.a.ts and {seq}.b.ts
// for a forensically marked recording: docs/forensic-watermark.md; private: only our functions
// read them) and their index docs recordings/{id}/segments/{seq}. A doc exists only for a segment
// whose ciphertext was written and read back (size and CRC32C checked). Streamed out to viewers
// and downloads; deleted with the recording.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FieldValue } from 'firebase-admin/firestore';
import type { Variant } from '../domain/forensic-mark';
import { segmentCipher } from '../domain/segment-crypto';
import { bucket, db } from './firebase';
import { sealingStream } from './object-checksum';
import { openRawObject } from './ingest';
import { recordingRef } from './recordings';
import { addUsageInTransaction } from './usage';
import { indexedQuery } from './indexed-query';

/** The zero-padded sequence number in segment names and ids (the benchmarks name objects the same way). */
export const seqId = (seq: number): string => String(seq).padStart(5, '0');
/** A marked recording's segment has two variants, {seq}.a.ts and {seq}.b.ts; an unmarked one {seq}.ts. */
const segmentPath = (recordingId: string, seq: number, variant?: Variant): string =>
  `recordings/${recordingId}/segments/${seqId(seq)}${variant ? `.${variant}` : ''}.ts`;
const segmentIndex = (recordingId: string) => db().collection(`recordings/${recordingId}/segments`);
const segmentDocRef = (recordingId: string, seq: number) => segmentIndex(recordingId).doc(seqId(seq));

const SEALING_BUFFER_BYTES = 2 * 1024 * 1024;

export interface StoredSegment {
  bytes: number;
  plainBytes: number;
  /** CRC32C of the ciphertext, base64 as Storage reports it: what was written is what Storage holds. */
  crc32c: string;
}

/**
 * Streams raw (ingest bucket) → AES-128-CBC → main bucket (constant memory), then reads the object's
 * metadata back and checks its size and CRC32C against the bytes we sent. CRC32C because Storage
 * computes it itself on every object (no extra hash on its side) and in hardware on ours; the raw
 * object read is checked against the CRC32C Storage sent with it, in the same stage.
 */
export async function encryptToStorage(
  rawName: string,
  recordingId: string,
  seq: number,
  key: Buffer,
): Promise<StoredSegment> {
  const raw = openRawObject(rawName);
  // 2 MiB buffers (a segment is ~1.6 MB): at Node's 16 KiB default every 64 KiB chunk of the read
  // fills our stage and stalls it once per chunk; bounded per segment, so memory stays flat.
  const sealed = sealingStream(segmentCipher(key, seq), raw.storedCrc32c, SEALING_BUFFER_BYTES);
  const dest = bucket().file(segmentPath(recordingId, seq));
  await pipeline(
    raw.stream,
    sealed.stream,
    dest.createWriteStream({
      resumable: false,
      // Our tap already computes this CRC32C and the read-back below compares it with Storage's.
      validation: false,
      contentType: 'video/mp2t',
      metadata: { cacheControl: 'private, max-age=0', metadata: { encryption: 'aes-128-cbc', seq: String(seq) } },
    }),
  );
  const [meta] = await dest.getMetadata();
  const crc32c = sealed.crc32c();
  if (Number(meta.size) !== sealed.bytes() || meta.crc32c !== crc32c) {
    throw new Error(`stored segment does not match what was written (${meta.size} vs ${sealed.bytes()} bytes)`);
  }
  return { bytes: sealed.bytes(), plainBytes: sealed.plainBytes(), crc32c };
}

export interface SegmentDoc {
  seq: number;
  status: 'confirmed' | 'missing';
  durationSeconds?: number;
  bytes?: number;
  plainBytes?: number;
  /** A marked recording: 'ab' (both variants and the reference written) or 'none' (the plain segment as both). */
  mark?: 'ab' | 'none';
  /** Each variant's plaintext size (re-encoded, they differ): a download declares its variant's. */
  plainBytesA?: number;
  plainBytesB?: number;
  crc32c?: string;
  reason?: string;
  atMs: number;
}

/**
 * Records a confirmed segment and adds it to the recording's, the meeting's and the total usage,
 * exactly once: a redelivered event finds the doc and changes nothing. False if already recorded.
 */
export async function confirmSegment(
  recordingId: string,
  meetingId: string,
  seq: number,
  stored: StoredSegment,
  durationSeconds: number,
  nowMs: number,
): Promise<boolean> {
  const ref = segmentDocRef(recordingId, seq);
  return db().runTransaction(async (tx) => {
    const existing = await tx.get(ref);
    if (existing.exists && existing.get('status') === 'confirmed') return false;
    const doc: SegmentDoc = { seq, status: 'confirmed', durationSeconds, ...stored, atMs: nowMs };
    tx.set(ref, doc);
    tx.update(recordingRef(recordingId), {
      confirmedSegments: FieldValue.increment(1),
      storedBytes: FieldValue.increment(stored.bytes),
      storedSeconds: FieldValue.increment(durationSeconds),
    });
    addUsageInTransaction(tx, meetingId, { bytes: stored.bytes, seconds: durationSeconds });
    return true;
  });
}

/** Lists a segment as missing, unless it was confirmed meanwhile (a confirmed segment always wins). */
export async function markSegmentMissing(
  recordingId: string,
  seq: number,
  reason: string,
  nowMs: number,
): Promise<void> {
  const ref = segmentDocRef(recordingId, seq);
  await db().runTransaction(async (tx) => {
    if ((await tx.get(ref)).get('status') === 'confirmed') return;
    const doc: SegmentDoc = { seq, status: 'missing', reason, atMs: nowMs };
    tx.set(ref, doc);
  });
}

export async function isSegmentConfirmed(recordingId: string, seq: number): Promise<boolean> {
  return (await segmentDocRef(recordingId, seq).get()).get('status') === 'confirmed';
}

export async function segmentDocs(recordingId: string): Promise<SegmentDoc[]> {
  const snap = await indexedQuery(segmentIndex(recordingId), { orderBy: [['seq', 'asc']] }).get();
  return snap.docs.map((d) => d.data() as SegmentDoc);
}

/** The ciphertext of a segment as a stream (a download reads only confirmed ones). */
export function segmentStream(recordingId: string, seq: number, variant?: Variant): Readable {
  return bucket()
    .file(segmentPath(recordingId, seq, variant))
    .createReadStream();
}

/**
 * The ciphertext of a segment, or null when there is no such object (a viewer may ask for any seq).
 * The download's own answer says which: no metadata request first, so a segment costs one Storage
 * read and one round trip, not two. The client sends its request only once the stream is read
 * from; `read(0)` starts it without taking any data or changing the stream's mode.
 */
export async function openSegment(recordingId: string, seq: number, variant?: Variant): Promise<Readable | null> {
  const stream = bucket()
    .file(segmentPath(recordingId, seq, variant))
    .createReadStream();
  return new Promise((resolve, reject) => {
    stream.once('response', (res: { statusCode?: number }) => {
      if (res.statusCode === 200) resolve(stream);
      else if (res.statusCode === 404) resolve(null); // the stream then fails with a 404, caught below
    });
    stream.once('error', (error: Error & { code?: number }) => {
      if (error.code === 404) resolve(null);
      else reject(error);
    });
    stream.read(0);
  });
}

export async function deleteSegmentObjects(recordingId: string): Promise<void> {
  await bucket().deleteFiles({ prefix: `recordings/${recordingId}/` });
}

/** Deletes the index docs a page at a time (a batch holds at most 500 writes). */
export async function deleteSegmentDocs(recordingId: string): Promise<void> {
  for (;;) {
    const page = await indexedQuery(segmentIndex(recordingId), { limit: 400 }).get();
    if (page.empty) break;
    const batch = db().batch();
    page.docs.forEach((d) => batch.delete(d.ref));
    await batch.commit();
  }
}
