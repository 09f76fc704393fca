// Shared by the viewer benchmarks (viewer-burst.ts, media-delivery.ts): a finished recording of
// meeting-cardio-101 with real encrypted segments (uploaded to the ingest bucket and encrypted by
// the ingest code itself, then compiled into its playlist), N students of batch-cardio-2026 with
// ID tokens (the router is served by serve-api.ts). Auth, Firestore and Storage are the emulators (run under `firebase emulators:exec --only auth,firestore,storage`).
import { randomBytes } from 'node:crypto';
import { getAuth } from 'firebase-admin/auth';
import { createRecording } from '../functions/test/kit/recordings';
import { rawSegmentName } from '../functions/test/kit/names';
import { adminApp, db, idTokenFor, ingestBucket, resetWorld } from '../functions/test/kit/emulators';
import { ingestObject } from '../functions/src/services/ingest/segment-ingest';
import { maybeFinalize } from '../functions/src/services/ingest/finalize-recording';

export const PASSWORD = 'bench-password-2026';
/** ~7 s of 1.8 Mbit/s video: 8,511 MPEG-TS packets ≈ 1.6 MB (the server never parses it). */
export const SEGMENT_BYTES = 188 * 8511;

/**
 * A ready, compiled recording with `segments` encrypted segments of `bytes` each (random: the
 * server never parses media), uploaded to the ingest bucket and stored by the real ingest code.
 */
export async function readyRecording(id: string, segments: number, bytes = SEGMENT_BYTES): Promise<void> {
  await createRecording(id);
  const seqs = Array.from({ length: segments }, (_, seq) => seq);
  for (let i = 0; i < seqs.length; i += 8)
    await Promise.all(
      seqs.slice(i, i + 8).map(async (seq) => {
        const name = rawSegmentName(id, seq);
        await ingestBucket().file(name).save(randomBytes(bytes), { contentType: 'video/mp2t', resumable: false });
        const outcome = await ingestObject(name);
        if (outcome !== 'confirmed') throw new Error(`segment ${seq} of ${id}: ${outcome}`);
      }),
    );
  await db().doc(`recordings/${id}`).update({ status: 'ready', egressSegmentCount: segments, endedAtMs: Date.now() });
  await db().doc('locks/meeting-cardio-101').delete();
  if (!(await maybeFinalize(id))) throw new Error(`${id} did not compile`);
}

/** `count` students in batch-cardio-2026 (the meeting's batch), signed in: their ID tokens. */
export async function students(count: number, prefix = 'u-bench'): Promise<string[]> {
  const people = Array.from({ length: count }, (_, i) => ({
    uid: `${prefix}-${i}`,
    email: `${prefix}${i}@lecturevault.dev`,
  }));
  for (let i = 0; i < people.length; i += 20)
    await Promise.all(
      people.slice(i, i + 20).map(async (s) => {
        await getAuth(adminApp()).createUser({ uid: s.uid, email: s.email, password: PASSWORD });
        await db()
          .doc(`users/${s.uid}`)
          .set({ role: 'student', name: `Bench ${s.uid}`, email: s.email });
        await db().doc(`batches/batch-cardio-2026/members/${s.uid}`).set({ addedAtMs: Date.now() });
      }),
    );
  const tokens: string[] = [];
  for (let i = 0; i < people.length; i += 20)
    tokens.push(...(await Promise.all(people.slice(i, i + 20).map((s) => idTokenFor(s.email, PASSWORD)))));
  return tokens;
}

export { resetWorld };
