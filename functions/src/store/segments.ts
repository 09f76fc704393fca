// Encrypted segments in Storage and their index docs recordings/{id}/segments/{seq}. An unmarked
// recording's segment is recordings/{id}/segments/{seq}.ts; a recording with the forensic mark
// (docs/forensic-watermark.md) has two variants per segment instead, {seq}.a.ts and {seq}.b.ts,
// sealed exactly like {seq}.ts (same key, IV = seq: one playlist for both), and the original's
// reference frames at recordings/{id}/forensic/{seq}.ref, sealed the same way, for the tracer.
// A recording with the adaptive ladder (docs/adaptive-ladder.md) adds its lower rungs beside them,
// {seq}.{rung}.a.ts and .b.ts when marked, {seq}.{rung}.ts when not, and {seq}.audio.ts.
// Private: only our functions read them. This module seals a stream to one of those objects, keeps
// the index docs (a doc exists only for a segment whose ciphertext was written and read back, size
// and CRC32C checked) and opens the read streams for viewers, downloads and the tracer; what goes
// into an object (the raw segment, a marked variant) is the ingest service's choice
// (services/ingest/segment-pipeline.ts).
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FieldValue } from 'firebase-admin/firestore';
import type { Variant } from '../domain/forensic/forensic-mark';
import type { RungName, SegmentRungFacts, SourceFacts } from '../domain/playback/ladder';
import { segmentCipher, segmentDecipher } from '../domain/keys/segment-crypto';
import { bucket, db, isAlreadyExists } from './firebase';
import { sealingStream } from './object-checksum';
import { playlistRef } from './playlists';
import { recordingRef } from './recordings';
import { addUsageInTransaction } from './usage';
import { indexedQuery } from './indexed-query';

/** The zero-padded sequence number in segment names and ids (the benchmarks name objects the same way). */
export const seqId = (seq: number): string => String(seq).padStart(5, '0');
const segmentPath = (recordingId: string, seq: number, variant?: Variant, rung?: RungName): string =>
  `recordings/${recordingId}/segments/${seqId(seq)}${rung ? `.${rung}` : ''}${variant ? `.${variant}` : ''}.ts`;
const referencePath = (recordingId: string, seq: number): string =>
  `recordings/${recordingId}/forensic/${seqId(seq)}.ref`;
const segmentIndex = (recordingId: string) => db().collection(`recordings/${recordingId}/segments`);
const segmentDocRef = (recordingId: string, seq: number) => segmentIndex(recordingId).doc(seqId(seq));

/**
 * The buffers of a sealing stage, and of any stage feeding one (a segment is ~1.6 MB): at Node's
 * 16 KiB default every 64 KiB chunk of the read fills the stage and stalls it once per chunk;
 * bounded per segment, so memory stays flat.
 */
export const SEALING_BUFFER_BYTES = 2 * 1024 * 1024;

/** One sealed object as written and read back. */
export interface StoredObject {
  bytes: number;
  plainBytes: number;
  /** CRC32C of the ciphertext, base64 as Storage reports it: what was written is what Storage holds. */
  crc32c: string;
}

/**
 * How a marked recording's segment was stored: 'ab' = two marked variants and the reference;
 * 'none' = ffmpeg failed, so both variant objects hold the plain segment (delivery never needs to
 * know; the tracer skips it).
 */
export type SegmentMark = 'ab' | 'none';

export interface MarkedVariants {
  a: StoredObject;
  b: StoredObject;
  /** The reference frames ('ab' only). */
  ref?: StoredObject;
}

/**
 * What ingest stored for a segment: one object ({seq}.ts), or the variants of a marked recording,
 * whose `bytes` is the sum of every object written (usage counts both variants). A marked segment
 * has no top-level `plainBytes`: A and B differ in size, so a download reads each variant's own.
 */
export type StoredSegment = (
  | (StoredObject & { mark?: undefined })
  | { mark: SegmentMark; bytes: number; variants: MarkedVariants; markReason?: string }
) & { ladder?: StoredLadder };

/** One lower rung (or the audio-only rung) of a segment as stored: A and B when marked, else one object. */
export interface StoredRung extends SegmentRungFacts {
  objects: { a?: StoredObject; b?: StoredObject; plain?: StoredObject };
  /** Every object of the rung. */
  bytes: number;
}

/** A laddered segment's lower rungs and what ffprobe found in its source; its `bytes` count them too. */
export interface StoredLadder {
  source: SourceFacts;
  rungs: StoredRung[];
}

/** One object of a segment: the segment itself, variant A or B of it, or its reference frames. */
export interface SegmentObject {
  recordingId: string;
  seq: number;
  /** A marked recording's variant, or 'ref' for its reference frames; none for an unmarked {seq}.ts. */
  part?: Variant | 'ref';
  /** A lower rung of the ladder; none for the source rung. */
  rung?: RungName;
}

const objectPath = ({ recordingId, seq, part, rung }: SegmentObject): string =>
  part === 'ref' ? referencePath(recordingId, seq) : segmentPath(recordingId, seq, part, rung);

/**
 * How an object is written: `replace` whatever is there (an object whose bytes are the same from
 * run to run), or `if-absent` (Storage's ifGenerationMatch=0): an object already there is kept and
 * described instead, so a second run never replaces what a first one wrote and maybe confirmed.
 */
export type SealMode = 'replace' | 'if-absent';

/** Storage refused a conditional write: the object exists (412 Precondition Failed). */
const isPreconditionFailed = (error: unknown): boolean => (error as { code?: number } | null)?.code === 412;

/**
 * `source` → AES-128-CBC (IV = seq) → the main bucket at the object's path (constant memory), then
 * reads the object's metadata back and checks its size and CRC32C against the bytes we sent.
 * CRC32C because Storage computes it itself on every object (no extra hash on its side) and in
 * hardware on ours. With `inputCrc32c` the source (a raw object read) is checked against it in the
 * same stage. With `if-absent`, an object already there is returned as it is stored, and `source`
 * is destroyed where Storage refused it (pass a stage piped from a stream that must go on).
 */
export async function sealSegmentObject(
  object: SegmentObject,
  source: Readable,
  key: Buffer,
  inputCrc32c?: () => string | undefined,
  mode: SealMode = 'replace',
): Promise<StoredObject> {
  const { seq } = object;
  const sealed = sealingStream(segmentCipher(key, seq), inputCrc32c, SEALING_BUFFER_BYTES);
  const dest = bucket().file(objectPath(object));
  const write = dest.createWriteStream({
    resumable: false,
    // Our tap already computes this CRC32C and the read-back below compares it with Storage's.
    validation: false,
    contentType: object.part === 'ref' ? 'application/octet-stream' : 'video/mp2t',
    metadata: { cacheControl: 'private, max-age=0', metadata: { encryption: 'aes-128-cbc', seq: String(seq) } },
    ...(mode === 'if-absent' ? { preconditionOpts: { ifGenerationMatch: 0 } } : {}),
  });
  try {
    await pipeline(source, sealed.stream, write);
  } catch (error) {
    if (mode !== 'if-absent' || !isPreconditionFailed(error)) throw error;
    const existing = await describeSegmentObject(object, key);
    if (!existing) throw error; // refused, yet gone: deleted meanwhile (the recording's deletion)
    return existing;
  }
  const [meta] = await dest.getMetadata();
  const crc32c = sealed.crc32c();
  if (Number(meta.size) !== sealed.bytes() || meta.crc32c !== crc32c) {
    throw new Error(`stored object does not match what was written (${meta.size} vs ${sealed.bytes()} bytes)`);
  }
  return { bytes: sealed.bytes(), plainBytes: sealed.plainBytes(), crc32c };
}

/**
 * One stored object as the segment's record describes it (size, plain size, CRC32C), or null when
 * there is none. The plain size is the decrypted length (the padding is only known by decrypting).
 */
export async function describeSegmentObject(object: SegmentObject, key: Buffer): Promise<StoredObject | null> {
  const file = bucket().file(objectPath(object));
  const [body] = await file.download().catch((error: { code?: number }) => {
    if (error.code === 404) return [null];
    throw error;
  });
  if (!body) return null;
  const [meta] = await file.getMetadata();
  const decipher = segmentDecipher(key, object.seq);
  const plainBytes = decipher.update(body).length + decipher.final().length;
  return { bytes: body.length, plainBytes, crc32c: String(meta.crc32c) };
}

export interface SegmentDoc {
  seq: number;
  status: 'confirmed' | 'missing';
  durationSeconds?: number;
  /** Every object stored for the segment (both variants and the reference, when marked). */
  bytes?: number;
  plainBytes?: number;
  crc32c?: string;
  /** Set for a marked recording's segment; absent for an unmarked one ({seq}.ts). */
  mark?: SegmentMark;
  variants?: MarkedVariants;
  /** Why a marked recording's segment is 'none' (ffmpeg's last words). */
  markReason?: string;
  /** The lower rungs and the source's facts of a laddered segment. */
  ladder?: StoredLadder;
  reason?: string;
  /** A confirmed segment damaged before we received it (domain/ingest/ingest-limits.ts, sourceDamage). */
  damage?: string;
  atMs: number;
}

/** What a confirmation did: counted it, found it counted already, or found the playlist compiled without it. */
export type Confirmation = 'confirmed' | 'duplicate' | 'closed';

/**
 * Records a confirmed segment and adds it to the recording's, the meeting's and the total usage,
 * exactly once: a redelivered event finds the doc and changes nothing. Never once the recording's
 * playlist is compiled: a segment counted then would be stored and paid for but never played.
 */
export async function confirmSegment(
  recordingId: string,
  meetingId: string,
  seq: number,
  stored: StoredSegment,
  durationSeconds: number,
  nowMs: number,
  damage?: string,
): Promise<Confirmation> {
  const ref = segmentDocRef(recordingId, seq);
  return db().runTransaction(async (tx): Promise<Confirmation> => {
    // The compiled playlist, not the recording, is read: a read holds its document's lock until the
    // commit, and a lock on the recording would make every stop and state change wait on confirms.
    const [existing, compiled] = await Promise.all([tx.get(ref), tx.get(playlistRef(recordingId))]);
    if (existing.exists && existing.get('status') === 'confirmed') return 'duplicate';
    if (compiled.exists) return 'closed';
    const doc: SegmentDoc = {
      seq,
      status: 'confirmed',
      durationSeconds,
      ...stored,
      ...(damage && { damage }),
      atMs: nowMs,
    };
    tx.set(ref, doc);
    // The lower rungs are the ladder's share; of the source rung, one copy (variant A) is what an
    // unmarked segment would have cost, the rest (B and the reference) is the watermark's.
    const ladderBytes = (stored.ladder?.rungs ?? []).reduce((sum, rung) => sum + rung.bytes, 0);
    const markBytes = stored.mark ? stored.bytes - ladderBytes - stored.variants.a.bytes : 0;
    tx.update(recordingRef(recordingId), {
      confirmedSegments: FieldValue.increment(1),
      storedBytes: FieldValue.increment(stored.bytes),
      storedSeconds: FieldValue.increment(durationSeconds),
      ...(markBytes ? { markBytes: FieldValue.increment(markBytes) } : {}),
      ...(ladderBytes ? { ladderBytes: FieldValue.increment(ladderBytes) } : {}),
    });
    addUsageInTransaction(tx, meetingId, {
      bytes: stored.bytes,
      seconds: durationSeconds,
      ...(markBytes ? { markBytes } : {}),
      ...(ladderBytes ? { ladderBytes } : {}),
    });
    return 'confirmed';
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

/**
 * Gives each of `seqs` a missing record with `reason`, where it has none: a record written
 * meanwhile (a confirmation, another reason) is kept. Many at once (a forced finalize may list a
 * whole lecture), so in bulk rather than a transaction each. Any failure but "a record is there"
 * is tried again, then thrown: the finalize must not list a gap without its cause.
 */
export async function recordSegmentsMissing(
  recordingId: string,
  seqs: readonly number[],
  reason: string,
  nowMs: number,
): Promise<void> {
  const writer = db().bulkWriter();
  // A lock timeout (the Firestore emulator holds a killed run's transaction lock for a while) is tried again.
  writer.onWriteError((error) => !isAlreadyExists(error) && error.failedAttempts < 5);
  const writes = seqs.map((seq) => {
    const doc: SegmentDoc = { seq, status: 'missing', reason, atMs: nowMs };
    return writer.create(segmentDocRef(recordingId, seq), doc).catch((error: unknown) => {
      if (!isAlreadyExists(error)) throw error;
    });
  });
  await writer.close();
  await Promise.all(writes);
}

export async function isSegmentConfirmed(recordingId: string, seq: number): Promise<boolean> {
  return (await segmentDocRef(recordingId, seq).get()).get('status') === 'confirmed';
}

export async function segmentDocs(recordingId: string): Promise<SegmentDoc[]> {
  const snap = await indexedQuery(segmentIndex(recordingId), { orderBy: [['seq', 'asc']] }).get();
  return snap.docs.map((d) => d.data() as SegmentDoc);
}

/**
 * The ciphertext of a segment as a stream (a download reads only confirmed ones): `variant` for a
 * marked recording's A or B object, none for an unmarked recording's {seq}.ts.
 */
export function segmentStream(recordingId: string, seq: number, variant?: Variant): Readable {
  return bucket()
    .file(segmentPath(recordingId, seq, variant))
    .createReadStream();
}

/**
 * The ciphertext of a segment (of its `variant` when marked, of a lower `rung` when asked), or null
 * when there is no such object.
 */
export function openSegment(
  recordingId: string,
  seq: number,
  variant?: Variant,
  rung?: RungName,
): Promise<Readable | null> {
  return openObject(segmentPath(recordingId, seq, variant, rung));
}

/** The sealed reference frames of a marked segment (for the tracer), or null when there are none. */
export function openReference(recordingId: string, seq: number): Promise<Readable | null> {
  return openObject(referencePath(recordingId, seq));
}

/**
 * An object's stream, or null when there is no such object (a viewer may ask for any seq).
 * The download's own answer says which: no metadata request first, so a segment costs one Storage
 * read and one round trip, not two. The client sends its request only once the stream is read
 * from; `read(0)` starts it without taking any data or changing the stream's mode.
 */
function openObject(path: string): Promise<Readable | null> {
  const stream = bucket().file(path).createReadStream();
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

/**
 * Deletes whatever a run stored of these segments (every variant and rung, and the reference
 * frames): a segment the recording never confirmed is not counted, so its objects must not stay.
 */
export async function deleteUnconfirmedObjects(recordingId: string, seqs: readonly number[]): Promise<void> {
  for (const seq of seqs) {
    await bucket().deleteFiles({ prefix: `recordings/${recordingId}/segments/${seqId(seq)}.` });
    await bucket().file(referencePath(recordingId, seq)).delete({ ignoreNotFound: true });
  }
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
