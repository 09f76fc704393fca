// The ingest bucket (INGEST_BUCKET), where LiveKit Egress uploads ingest/{recordingId}/: raw
// segments, its playlists and its captured images, plaintext all of it. Nothing else is ever written there, and nothing
// from it is ever served: raw objects are deleted once their encrypted copy is confirmed, the
// playlists at finalize, the rest with the recording (and by the bucket's lifecycle rule at worst).
import type { Readable } from 'node:stream';
import { INGEST_ROOT, ingestPrefix } from '../domain/ingest/ingest-path';
import { egressUploadFor, type EgressUpload } from '../domain/ingest/egress-upload';
import { egressHmacAccessId, egressHmacSecret, ingestBucket } from '../params';
import { bucket, bucketNamed, retryTransientStorage } from './firebase';

export { retryTransientStorage };

/** The bucket Egress is told to upload into. */
export const ingestBucketName = (): string => ingestBucket.value();

/** What Egress is given to upload with: the ingest bucket and the HMAC key that may write only there. */
export const egressUpload = (): EgressUpload =>
  egressUploadFor({
    ingestBucket: ingestBucketName(),
    mainBucket: bucket().name,
    accessKey: egressHmacAccessId.value(),
    secret: egressHmacSecret.value(),
  });

const rawBucket = () => bucketNamed(ingestBucketName());

export interface IngestObjectInfo {
  name: string;
  createdAtMs: number;
  sizeBytes: number;
}

/**
 * Every object egress left in the ingest bucket: normally only chunks in flight and the playlists
 * of recordings not yet finalized, so one listing (1000 names a page) stays cheap.
 */
export async function listIngestObjects(): Promise<IngestObjectInfo[]> {
  const [files] = await rawBucket().getFiles({ prefix: INGEST_ROOT });
  return files.map((f) => ({
    name: f.name,
    createdAtMs: Date.parse(String(f.metadata.timeCreated)),
    sizeBytes: Number(f.metadata.size ?? 0),
  }));
}

/** A raw object being read, and the CRC32C Storage holds for it. */
export interface RawObject {
  stream: Readable;
  /** From the download's x-goog-hash: undefined until the answer arrives, or if Storage sent none or the bytes are transcoded. */
  storedCrc32c: () => string | undefined;
}

/**
 * A raw object's bytes, for encryption into the main bucket, and the CRC32C Storage sent with them.
 * The client's own check is off because the ingest pipeline makes it in the stage that already
 * touches every byte (services/ingest/segment-pipeline.ts).
 */
export function openRawObject(name: string): RawObject {
  const stream = rawBucket().file(name).createReadStream({ validation: false });
  let stored: string | undefined;
  stream.once('response', (res: { headers?: Record<string, unknown> }) => {
    const headers = res.headers ?? {};
    // The hash is of the stored bytes: usable only if those are the bytes we get (not transcoded).
    // Cloud Storage names the stored encoding; the emulator sends no such header and never
    // transcodes an object stored without Content-Encoding.
    const storedEncoding = headers['x-goog-stored-content-encoding'] ?? (headers['content-encoding'] || 'identity');
    if (storedEncoding !== 'identity') return;
    stored = /(?:^|,)\s*crc32c=([^,]+)/.exec(String(headers['x-goog-hash'] ?? ''))?.[1];
  });
  return { stream, storedCrc32c: () => stored };
}

/**
 * LiveKit's own playlist of the recording (its EXTINF durations are the measured ones), if
 * uploaded and no larger than `maxBytes`: it is read whole into memory, and anyone holding the
 * egress credential could have put gigabytes under that name.
 */
export async function readRawPlaylist(recordingId: string, maxBytes: number): Promise<string | null> {
  const file = rawBucket().file(`${ingestPrefix(recordingId)}playlist.m3u8`);
  const [exists] = await file.exists();
  if (!exists) return null;
  const [meta] = await file.getMetadata();
  if (Number(meta.size ?? 0) > maxBytes) return null;
  const [text] = await file.download();
  return text.toString('utf8');
}

/**
 * A small raw object's bytes (a captured image), or null if it is gone or larger than `maxBytes`:
 * the size is Storage's, checked before anything is read into memory.
 */
export async function readSmallRawObject(name: string, maxBytes: number): Promise<Buffer | null> {
  const file = rawBucket().file(name);
  const [exists] = await file.exists();
  if (!exists) return null;
  const [meta] = await file.getMetadata();
  if (Number(meta.size ?? 0) > maxBytes) return null;
  const [bytes] = await file.download();
  return bytes.length > maxBytes ? null : bytes;
}

/** A raw object's size as Storage holds it (when its event did not say). */
export async function rawObjectBytes(name: string): Promise<number> {
  const [meta] = await rawBucket().file(name).getMetadata();
  return Number(meta.size ?? 0);
}

/**
 * Deletes an ingest object, trying again when Storage drops the connection or answers 429/5xx: the
 * client library retries a delete only under a generation precondition, and an object whose delete
 * was lost would wait for the sweep. Deleting twice is harmless (a gone object is not an error).
 */
export async function deleteIngestObject(name: string): Promise<void> {
  await retryTransientStorage(() => rawBucket().file(name).delete({ ignoreNotFound: true }), [500, 1000]);
}

/** LiveKit's playlists of a finalized recording: the compiled playlist replaces them. */
export async function deleteRawPlaylists(recordingId: string): Promise<void> {
  await Promise.all(['playlist.m3u8', 'live.m3u8'].map((f) => deleteIngestObject(`${ingestPrefix(recordingId)}${f}`)));
}

export async function deleteIngestObjects(recordingId: string): Promise<void> {
  await rawBucket().deleteFiles({ prefix: ingestPrefix(recordingId) });
}
