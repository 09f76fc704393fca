// Reading recording state the way the server stores it, and running server code in-process
// (reconciliation with a controlled clock) against the same emulators and stand-in.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { claimAndCreate } from '../../src/store/recordings';
import { storageFigures } from '../../src/store/usage';
import { db, eventually, INGEST_BUCKET, ingestBucket } from './emulators';
import { LIVEKIT_URL } from './livekit-dev';
import { LIVEKIT_KEY, LIVEKIT_SECRET } from './livekit-webhooks';
import { realSegments } from './media';

// Params the in-process server code reads (the functions emulator reads .env.local/.secret.local).
Object.assign(process.env, {
  LIVEKIT_URL,
  LIVEKIT_API_KEY: LIVEKIT_KEY,
  LIVEKIT_API_SECRET: LIVEKIT_SECRET,
  EGRESS_GCP_CREDENTIALS: '{}',
  INGEST_BUCKET,
  RECORDING_KEK: /^RECORDING_KEK=(.*)$/m.exec(readFileSync(path.resolve(__dirname, '../../.secret.local'), 'utf8'))![1],
});

export type Doc = { id: string; [field: string]: unknown };

export async function recordingDoc(id: string): Promise<Doc | undefined> {
  const snap = await db().doc(`recordings/${id}`).get();
  return snap.exists ? { id, ...snap.data() } : undefined;
}

export async function allRecordings(): Promise<Doc[]> {
  return (await db().collection('recordings').get()).docs.map((d) => ({ id: d.id, ...d.data() }));
}

export function waitForStatus(id: string, status: string | string[], timeoutMs = 20_000): Promise<Doc> {
  const wanted = ([] as string[]).concat(status);
  return eventually(
    async () => {
      const doc = await recordingDoc(id);
      return doc && wanted.includes(doc.status as string) ? doc : undefined;
    },
    timeoutMs,
    `recording ${id} to be ${wanted.join('|')}`,
  );
}

export async function auditActions(recordingOrMeeting: { recordingId?: string; meetingId?: string }): Promise<Doc[]> {
  let query: FirebaseFirestore.Query = db().collection('auditLog');
  if (recordingOrMeeting.recordingId) query = query.where('recordingId', '==', recordingOrMeeting.recordingId);
  if (recordingOrMeeting.meetingId) query = query.where('meetingId', '==', recordingOrMeeting.meetingId);
  return (await query.get()).docs
    .map((d): Doc => ({ id: d.id, ...d.data() }))
    .sort((a, b) => Number(a['atMs']) - Number(b['atMs']));
}

export async function alerts(): Promise<Doc[]> {
  return (await db().collection('alerts').get()).docs.map((d) => ({ id: d.id, ...d.data() }));
}

/** The total usage as the server reads it (its shards summed). */
export async function totalUsage(): Promise<{ bytes: number; seconds: number }> {
  return (await storageFigures()).usage;
}

export async function lockOf(meetingId: string): Promise<string | undefined> {
  return (await db().doc(`locks/${meetingId}`).get()).get('recordingId');
}

/** Sequence numbers of the segments stored encrypted and confirmed (raw uploads are deleted by ingest). */
export async function storedSegments(id: string): Promise<number[]> {
  const snap = await db().collection(`recordings/${id}/segments`).where('status', '==', 'confirmed').get();
  return snap.docs.map((d) => d.get('seq') as number).sort((a, b) => a - b);
}

/** Waits until the recording's playlist is compiled (every segment accounted for). */
export function waitForFinalized(id: string, timeoutMs = 30_000): Promise<Doc> {
  return eventually(
    async () => {
      const doc = await recordingDoc(id);
      return doc?.finalized === true ? doc : undefined;
    },
    timeoutMs,
    `recording ${id} to be finalized`,
  );
}

/** Uploads segments as egress would (seg_00000.ts, …) and waits until the trigger has confirmed them all. */
export async function ingestSegments(id: string, files: Buffer[], timeoutMs = 30_000): Promise<void> {
  for (const [seq, body] of files.entries())
    await ingestBucket()
      .file(`ingest/${id}/seg_${String(seq).padStart(5, '0')}.ts`)
      .save(body, { contentType: 'video/mp2t', resumable: false });
  await eventually(
    async () => (await db().collection(`recordings/${id}/segments`).get()).size === files.length,
    timeoutMs,
    `${id} ingested`,
  );
}

/**
 * A finished recording of meeting-cardio-101 (batch A, teacher 1) made the real way: real MPEG-TS
 * segments (three short ones unless given) uploaded to ingest/ in the ingest bucket, encrypted by
 * the storage trigger, then finalized. Unmarked unless `forensicMark` (then ingest makes both
 * variants of every segment: allow it a second or so per segment). Returns the plaintext segments.
 */
export async function readyRecording(
  id: string,
  { files = realSegments().files, forensicMark = false }: { files?: Buffer[]; forensicMark?: boolean } = {},
): Promise<Buffer[]> {
  if (
    !(await claimAndCreate({
      id,
      meetingId: 'meeting-cardio-101',
      roomName: 'cardio-101',
      status: 'recording',
      createdAtMs: Date.now(),
      startedBy: 'u-teacher1',
      finalized: false,
      ...(forensicMark ? { forensicMark } : {}),
    }))
  ) {
    throw new Error(`could not create ${id}`);
  }
  await ingestSegments(id, files, forensicMark ? 30_000 + files.length * 8_000 : 30_000);
  await db()
    .doc(`recordings/${id}`)
    .update({ status: 'ready', egressSegmentCount: files.length, endedAtMs: Date.now() });
  await db().doc('locks/meeting-cardio-101').delete();
  await waitForFinalized(id);
  return files;
}
