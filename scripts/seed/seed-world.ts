// Writes the demo world into the emulators through the Admin SDK. Used by the seed CLI
// (main.ts, which exports to emulator-data/) and by tests that need the same people.
import type { App } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore, type DocumentData } from 'firebase-admin/firestore';
import { batches, DEMO_PASSWORD, meetings, settings, users } from './world';

function assertEmulators(): void {
  if (!process.env.FIRESTORE_EMULATOR_HOST || !process.env.FIREBASE_AUTH_EMULATOR_HOST) {
    throw new Error('seedWorld writes to the emulators only.');
  }
}

/** The world's Firestore documents, by path. */
export function worldDocuments(): Map<string, DocumentData> {
  const documents = new Map<string, DocumentData>();
  for (const user of Object.values(users))
    documents.set(`users/${user.uid}`, { role: user.role, name: user.name, email: user.email });
  for (const batch of batches) {
    documents.set(`batches/${batch.id}`, { name: batch.name });
    for (const uid of batch.members) documents.set(`batches/${batch.id}/members/${uid}`, { addedAt: new Date() });
  }
  for (const { id, ...meeting } of meetings) documents.set(`meetings/${id}`, meeting);
  documents.set('settings/global', settings);
  return documents;
}

/** The world's people as Auth accounts, each with the demo password. */
export async function createWorldAccounts(app: App): Promise<void> {
  assertEmulators();
  const auth = getAuth(app);
  await Promise.all(
    Object.values(users).map((user) =>
      auth.createUser({
        uid: user.uid,
        email: user.email,
        password: DEMO_PASSWORD,
        displayName: user.name,
        emailVerified: true,
      }),
    ),
  );
}

export async function seedWorld(app: App): Promise<void> {
  await createWorldAccounts(app);
  const db = getFirestore(app);
  const writes = db.batch();
  for (const [documentPath, data] of worldDocuments()) writes.set(db.doc(documentPath), data);
  await writes.commit();
}
