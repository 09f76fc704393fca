// Lazy Admin SDK handles (nothing is initialised at import time: cold starts stay short), for
// store/ only: every other module reaches Firestore, Storage and Auth through a named store function.
import { getApp, getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';
import { getFirestore, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { getStorage, type Storage } from 'firebase-admin/storage';
import { crc32cValidator } from './object-checksum';

const DEFAULT_APP = '[DEFAULT]';

export function app(): App {
  return getApps().some((a) => a.name === DEFAULT_APP) ? getApp() : initializeApp();
}

export const db = (): Firestore => getFirestore(app());
export const auth = (): Auth => getAuth(app());
export const storage = (): Storage => getStorage(app());

type Bucket = ReturnType<Storage['bucket']>;
/**
 * A bucket whose read and write streams check their CRC32C with the hardware implementation
 * instead of the client's default JavaScript one (the check itself is unchanged: Storage's hash
 * against the bytes that passed). The default bucket when no name is given.
 */
export function bucketNamed(name?: string): Bucket {
  const b = storage().bucket(name);
  b.crc32cGenerator = crc32cValidator;
  return b;
}
export const bucket = (): Bucket => bucketNamed();

/** gRPC status codes in the Admin SDK's errors that callers turn into outcomes, not failures. */
const grpcCode = (error: unknown): number | undefined => (error as { code?: number } | null)?.code;
export const isAlreadyExists = (error: unknown): boolean => grpcCode(error) === 6;
export const isNotFound = (error: unknown): boolean => grpcCode(error) === 5;
/**
 * A Storage failure worth trying again: a dropped connection (the client's keep-alive socket closed
 * by the server as it was reused, "socket hang up") or a 429/5xx answer.
 */
export const isTransientStorageError = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: number | string; message?: string };
  if (typeof code === 'number') return code === 429 || code >= 500;
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code ?? '') || /socket hang up/i.test(message ?? '');
};

/** Runs `work`, and again after each of `delaysMs` while it fails with a transient Storage error. */
export async function retryTransientStorage<T>(work: () => Promise<T>, delaysMs: readonly number[]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !isTransientStorageError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
/** A conditional write that lost its race: the document was created (6) or changed (9) meanwhile. */
export const isPreconditionLost = (error: unknown): boolean => [6, 9].includes(grpcCode(error) ?? -1);

/**
 * The field Firestore's TTL policies delete by (firestore.indexes.json fieldOverrides): it must be
 * a timestamp, not our usual epoch milliseconds. Deletion follows within about a day, never before.
 */
export const TTL_FIELD = 'removeAt';
export const removeAt = (ms: number): Record<typeof TTL_FIELD, Timestamp> => ({
  [TTL_FIELD]: Timestamp.fromMillis(ms),
});

/** Firestore refuses undefined field values: optional fields left unset are dropped before a write. */
export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
