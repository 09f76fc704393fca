// Test access to the running emulators (set up by `firebase emulators:exec`): admin handles,
// data clearing between tests, and the demo world. Never points anywhere but 127.0.0.1. Importing
// it does nothing: the first admin handle checks that the emulators are there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore, Timestamp, type CollectionReference, type DocumentData } from 'firebase-admin/firestore';
import { getStorage } from 'firebase-admin/storage';
import type { File } from '@google-cloud/storage';
import { createWorldAccounts, worldDocuments } from '../../../scripts/seed/seed-world';
import { functionsRegion } from '../../../scripts/functions-env.mjs';

export const PROJECT = 'demo-lecturevault';
export const BUCKET = `${PROJECT}.appspot.com`;
/** Where egress uploads (INGEST_BUCKET): the value the functions emulator reads, from functions/.env.local. */
export const INGEST_BUCKET = /^INGEST_BUCKET=(.*)$/m.exec(
  readFileSync(path.resolve(__dirname, '../../.env.local'), 'utf8'),
)![1];
export const REGION = functionsRegion(PROJECT, { emulator: true });
export const FUNCTIONS_URL = `http://127.0.0.1:5001/${PROJECT}/${REGION}`;
export const HOSTING_URL = 'http://127.0.0.1:5000';

/** Refuses to run anywhere but under `firebase emulators:exec`, which sets these. */
export function assertEmulators(): void {
  for (const name of ['FIRESTORE_EMULATOR_HOST', 'FIREBASE_AUTH_EMULATOR_HOST', 'FIREBASE_STORAGE_EMULATOR_HOST']) {
    if (!process.env[name])
      throw new Error(`${name} is not set: run these tests through npm test (firebase emulators:exec).`);
  }
}

export function adminApp(): App {
  const app = getApps().find((a) => a.name === 'tests');
  if (app) return app;
  assertEmulators();
  return initializeApp({ projectId: PROJECT, storageBucket: BUCKET }, 'tests');
}
export const db = () => getFirestore(adminApp());
export const auth = () => getAuth(adminApp());
export const bucket = () => getStorage(adminApp()).bucket(BUCKET);
export const ingestBucket = () => getStorage(adminApp()).bucket(INGEST_BUCKET);

/**
 * Writes an object in one request, as egress or a client would, and tries again when the Storage
 * emulator drops the connection (EPIPE, ECONNRESET: now and then under load). A second write of the
 * same bytes is what a redelivered upload looks like, which ingest takes once.
 */
export async function putObject(file: File, body: Buffer | string, contentType?: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await file.save(body, { resumable: false, ...(contentType && { contentType }) });
    } catch (error) {
      const dropped = /EPIPE|ECONNRESET|socket hang up/.test(String((error as Error).message));
      if (!dropped || attempt === 4) throw error;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}

/** Empties Firestore, Auth and both buckets, so every test starts from nothing. */
export async function clearAll(): Promise<void> {
  await Promise.all([deleteSubtree(''), clearAuth()]);
  await clearBuckets();
}

/** Every Auth account gone, through the emulator's own clear endpoint. */
async function clearAuth(): Promise<void> {
  const accounts = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/emulator/v1/projects/${PROJECT}/accounts`;
  const answer = await fetch(accounts, { method: 'DELETE' });
  if (!answer.ok) throw new Error(`clearing Auth failed: ${answer.status}`);
}

async function clearBuckets(): Promise<void> {
  // The Storage emulator drops connections under load now and then: retry the clean-up.
  for (let attempt = 1; ; attempt++) {
    try {
      await Promise.all([bucket().deleteFiles({ force: true }), ingestBucket().deleteFiles({ force: true })]);
      break;
    } catch (error) {
      if (attempt === 5) throw error;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}

/** A stand-in for any time in `sameData`: a batch member's `addedAt` is when the world was written. */
const ANY_TIME = '\u0000time';

/** Equal data, key order aside, any time equal to any other. */
function sameData(a: DocumentData, b: DocumentData): boolean {
  const canonical = (value: unknown): unknown => {
    if (value instanceof Timestamp || value instanceof Date) return ANY_TIME;
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    return value;
  };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** The emulator's own delete of the documents under `documentPath` (all of them when empty). */
async function deleteSubtree(documentPath: string): Promise<void> {
  const url = `http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${PROJECT}/databases/(default)/documents${documentPath ? `/${documentPath}` : ''}`;
  // 409 while a transaction holds a document there (after a 2 s wait): try again once it is done.
  for (let attempt = 1; ; attempt++) {
    const answer = await fetch(url, { method: 'DELETE' });
    if (answer.ok) return;
    if (attempt === 10) throw new Error(`clearing ${documentPath || 'Firestore'} failed: ${answer.status}`);
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
}

/**
 * Firestore back to the demo world, changing only what differs from it. Clearing everything fired
 * the delete triggers of every seeded user, meeting and batch member at every reset, and writing
 * the world again their write triggers: about 1,900 trigger runs per npm test, each burst starting
 * cold workers, all re-checking sessions that no longer existed (docs/test-time.md). So every
 * collection outside the world goes whole, and in the world's collections what the world lacks
 * (with what is under it), each by the emulator's own delete; then the world's documents a test
 * changed or deleted are written back in one transaction. Both wait for a transaction still open
 * on what they touch (an earlier test's function finishing), as the clear-all did.
 */
async function resetFirestore(): Promise<void> {
  const firestore = db();
  const world = worldDocuments();
  const worldCollections = new Set([...world.keys()].map((p) => p.slice(0, p.lastIndexOf('/'))));
  const prune = async (collections: CollectionReference[]): Promise<void> => {
    await Promise.all(
      collections.map(async (collection) => {
        if (!worldCollections.has(collection.path)) return deleteSubtree(collection.path);
        for (const ref of await collection.listDocuments())
          if (!world.has(ref.path)) await deleteSubtree(ref.path);
          else await prune(await ref.listCollections());
      }),
    );
  };
  await prune(await firestore.listCollections());
  const refs = [...world.keys()].map((p) => firestore.doc(p));
  await firestore.runTransaction(async (transaction) => {
    const stored = await transaction.getAll(...refs);
    for (const snapshot of stored) {
      const wanted = world.get(snapshot.ref.path)!;
      if (!snapshot.exists || !sameData(snapshot.data()!, wanted)) transaction.set(snapshot.ref, wanted);
    }
  });
}

/**
 * The demo world (users, batches, meetings, settings) and nothing else, Auth and both buckets emptied.
 * `forensicWatermark: false` records without the mark: every segment of a marked recording costs
 * two extra ffmpeg encodes at ingest, so a spec that does not test the mark turns it off and its
 * recordings reach their segments without waiting on them.
 */
export async function resetWorld({
  forensicWatermark,
  ladder = 'source-only',
  machineCaptions = false,
}: {
  forensicWatermark?: boolean;
  /** Machine captions of every finished recording (off by default, as in production): on where a spec tests them. */
  machineCaptions?: boolean;
  /**
   * The adaptive ladder of new recordings: source-only unless a spec tests the ladder ('full', the
   * production default, encodes every lower rung of every segment at ingest).
   */
  ladder?: 'full' | 'source-only';
} = {}): Promise<void> {
  await resetFirestore();
  await clearAuth();
  await clearBuckets();
  await createWorldAccounts(adminApp());
  await db()
    .doc('settings/global')
    .set(
      {
        ladder,
        ...(machineCaptions ? { speechBatch: 'standard' } : {}),
        ...(forensicWatermark === undefined ? {} : { forensicWatermark }),
      },
      { merge: true },
    );
}

/** Polls until `check` returns a value (not undefined/false) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** An ID token for a seeded user, from the Auth emulator's REST API. */
export async function idTokenFor(email: string, password: string): Promise<string> {
  const res = await fetch(
    `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, returnSecureToken: true }),
    },
  );
  const body = (await res.json()) as { idToken?: string };
  if (!body.idToken) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return body.idToken;
}
