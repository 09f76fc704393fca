// Test access to the running emulators (set up by `firebase emulators:exec`): admin handles,
// data clearing between tests, and the demo world. Never points anywhere but 127.0.0.1. Importing
// it does nothing: the first admin handle checks that the emulators are there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { getStorage } from 'firebase-admin/storage';
import type { File } from '@google-cloud/storage';
import { seedWorld } from '../../../scripts/seed/seed-world';
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
  const firestore = `http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`;
  const accounts = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/emulator/v1/projects/${PROJECT}/accounts`;
  // The Firestore emulator answers 409 while a transaction is still open; try again shortly.
  for (let attempt = 1; ; attempt++) {
    const [a, b] = await Promise.all([fetch(firestore, { method: 'DELETE' }), fetch(accounts, { method: 'DELETE' })]);
    if (a.ok && b.ok) break;
    if (attempt === 10) throw new Error(`clearing emulators failed: ${a.status} ${b.status}`);
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
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

/**
 * Clears everything, then writes the demo world (users, batches, meetings, settings).
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
  await clearAll();
  await seedWorld(adminApp());
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
