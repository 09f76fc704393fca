// The one recording factory (a recording in progress, a finished one made the real way), and reading
// recording state the way the server stores it. Server code run in-process reads its params from
// process.env: see server-params.ts.
import { redriveStrandedChunks, STRANDED_AFTER_MS } from '../../src/services/ingest/segment-ingest';
import { claimAndCreate, type Recording } from '../../src/store/recordings';
import { storageFigures } from '../../src/store/usage';
import { db, eventually, ingestBucket, putObject } from './emulators';
import { realSegments, stillJpeg } from './media';
import { rawSegmentName } from './names';

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

/**
 * A recording in progress, as a start leaves it: its document, its key and the meeting's lock (so one
 * per meeting at a time). Of meeting-cardio-101, started by the admin now, unless `fields` say
 * otherwise; the room follows the meeting (meeting-neuro-201 → neuro-201). Throws when the
 * meeting's lock is taken.
 */
export async function createRecording(id: string, fields: Partial<Recording> = {}): Promise<void> {
  const meetingId = fields.meetingId ?? 'meeting-cardio-101';
  const created = await claimAndCreate({
    id,
    meetingId,
    roomName: meetingId.replace(/^meeting-/, ''),
    status: 'recording',
    createdAtMs: Date.now(),
    startedBy: 'u-admin',
    finalized: false,
    ...fields,
  });
  if (!created) throw new Error(`could not create recording ${id} (is the lock of ${meetingId} taken?)`);
}

/**
 * Waits until `check` holds once objects were uploaded for ingest. The functions emulator now and
 * then loses a storage event while it loads new workers on a loaded machine (it logs "Firebase
 * Storage function was not triggered due to emulation error"); production's answer to a lost event
 * is the sweep's re-drive of raw objects older than a minute. So when the trigger has not done it
 * within `triggerMs`, the test runs that re-drive (as of a minute later) and waits once more.
 */
export async function afterIngest<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  triggerMs = 30_000,
): Promise<T> {
  try {
    return await eventually(check, triggerMs, what);
  } catch {
    await redriveStrandedChunks(Date.now() + STRANDED_AFTER_MS + 1_000);
    return eventually(check, triggerMs, `${what}, even after the sweep's re-drive`);
  }
}

/** Raw segments uploaded but not yet ingested, at most (ingestSegments). */
const IN_FLIGHT = 2;

// 60 s: the segment trigger's first (cold) start took over 30 s on a loaded 2-core machine, where
// the first ingest of a run timed out while every later one passed.
/**
 * Uploads segments as egress would (seg_00000.ts, …), at most two not yet ingested at a time, and
 * waits until the trigger has confirmed them all. Egress paces its uploads (one every ~7 s); a burst
 * of them made the functions emulator start a worker of its own for each segment in flight (it never
 * shares one between concurrent events): 26 cold starts for a 26-segment recording, each about a
 * second of CPU. Two in flight is what one deployed instance takes at once (`concurrency: 2`).
 */
export async function ingestSegments(id: string, files: Buffer[], timeoutMs = 60_000): Promise<void> {
  const ingested = async () => (await db().collection(`recordings/${id}/segments`).get()).size;
  for (const [seq, body] of files.entries()) {
    const before = seq - IN_FLIGHT;
    if (before >= 0)
      await afterIngest(async () => (await ingested()) > before, `${id} segment ${before} ingested`, timeoutMs);
    await putObject(ingestBucket().file(rawSegmentName(id, seq)), body, 'video/mp2t');
  }
  await afterIngest(async () => (await ingested()) === files.length, `${id} ingested`, timeoutMs);
}

/**
 * A finished recording of meeting-cardio-101 (batch A, teacher 1) made the real way: real MPEG-TS
 * segments (three short ones unless given) uploaded to ingest/ in the ingest bucket, encrypted by
 * the storage trigger, then finalized. Unmarked unless `forensicMark` (then ingest makes both
 * variants of every segment: allow it a second or so per segment; so does `ladder: 'full'`, every
 * rung). Returns the plaintext segments.
 */
export async function readyRecording(
  id: string,
  {
    files = realSegments().files,
    forensicMark = false,
    ladder,
    timeoutMs,
  }: {
    files?: Buffer[];
    forensicMark?: boolean;
    ladder?: Recording['ladder'];
    /** How long ingest may take (a benchmark's long 720p ladder); by default allowed for from the encodes. */
    timeoutMs?: number;
  } = {},
): Promise<Buffer[]> {
  await createRecording(id, {
    startedBy: 'u-teacher1',
    ...(forensicMark ? { forensicMark } : {}),
    ...(ladder ? { ladder } : {}),
  });
  const encodes = forensicMark || ladder === 'full';
  await ingestSegments(id, files, timeoutMs ?? (encodes ? 60_000 + files.length * 8_000 : 60_000));
  await db()
    .doc(`recordings/${id}`)
    .update({ status: 'ready', egressSegmentCount: files.length, endedAtMs: Date.now() });
  await db().doc('locks/meeting-cardio-101').delete();
  await waitForFinalized(id);
  return files;
}

/** Gives recording `id` its poster frame as Egress's image output would (a still the ingest trigger keeps). */
export async function addPoster(id: string): Promise<void> {
  await putObject(ingestBucket().file(`ingest/${id}/poster_00000.jpeg`), stillJpeg(), 'image/jpeg');
  await eventually(async () => (await db().doc(`recordings/${id}`).get()).get('posterType'), 30_000, 'the poster kept');
}

/**
 * Waits for the "lecture ready" mail of a finalized recording of the seeded batch: a trigger of its
 * own, which on cold emulators can start well after finalize, so a spec that watches for writes
 * waits for it explicitly rather than for a quiet spell (firestoreSettled) it may outlast.
 */
export async function lectureReadyMailed(id: string): Promise<void> {
  await eventually(
    async () => !(await db().collection('mail').where('cause', '==', `ready-${id}`).limit(1).get()).empty,
    30_000,
    `the "lecture ready" mail of ${id}`,
  );
}
