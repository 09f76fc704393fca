// `npm run seed`: regenerates emulator-data/ (run inside `firebase emulators:exec --export-on-exit`).
import { initializeApp } from 'firebase-admin/app';
import { batches, meetings, users } from './world';
import { seedWorld } from './seed-world';

seedWorld(initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-lecturevault' })).then(
  () => console.log(`seeded ${Object.keys(users).length} users, ${batches.length} batches, ${meetings.length} meetings`),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
