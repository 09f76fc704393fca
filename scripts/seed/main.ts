// `npm run seed`: regenerates emulator-data/ (run inside `firebase emulators:exec --export-on-exit`):
// the demo world, then one finished, encrypted demo lecture recorded through the real functions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { recordDemoLecture } from './record-demo';
import { seedWorld } from './seed-world';
import { batches, meetings, users } from './world';

async function main(): Promise<void> {
  const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-lecturevault' });
  await seedWorld(app);
  console.log(`seeded ${Object.keys(users).length} users, ${batches.length} batches, ${meetings.length} meetings`);
  const secret = /^LIVEKIT_API_SECRET=(.*)$/m.exec(
    readFileSync(path.resolve(__dirname, '../../functions/.secret.local'), 'utf8'),
  )![1];
  const recordingId = await recordDemoLecture(getFirestore(app), secret);
  console.log(`recorded the demo lecture ${recordingId}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
