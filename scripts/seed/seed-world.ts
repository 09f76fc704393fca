// Writes the demo world into the emulators through the Admin SDK. Used by the seed CLI
// (main.ts, which exports to emulator-data/) and by tests that need the same people.
import type { App } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { batches, DEMO_PASSWORD, meetings, settings, users } from './world';

export async function seedWorld(app: App): Promise<void> {
  if (!process.env.FIRESTORE_EMULATOR_HOST || !process.env.FIREBASE_AUTH_EMULATOR_HOST) {
    throw new Error('seedWorld writes to the emulators only.');
  }
  const auth = getAuth(app);
  const db = getFirestore(app);
  await Promise.all(
    Object.values(users).map(async (user) => {
      await auth.createUser({
        uid: user.uid,
        email: user.email,
        password: DEMO_PASSWORD,
        displayName: user.name,
        emailVerified: true,
      });
      await db.doc(`users/${user.uid}`).set({ role: user.role, name: user.name, email: user.email });
    }),
  );
  const writes = db.batch();
  for (const batch of batches) {
    writes.set(db.doc(`batches/${batch.id}`), { name: batch.name });
    for (const uid of batch.members) writes.set(db.doc(`batches/${batch.id}/members/${uid}`), { addedAt: new Date() });
  }
  for (const { id, ...meeting } of meetings) writes.set(db.doc(`meetings/${id}`), meeting);
  writes.set(db.doc('settings/global'), settings);
  await writes.commit();
}
