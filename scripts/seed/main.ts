// `npm run seed`: regenerates emulator-data/ (run inside `firebase emulators:exec --export-on-exit`):
// the demo world, then one finished, encrypted demo lecture recorded through the real functions,
// spoken (espeak-ng), with the machine captions the Speech-to-Text stand-in makes of it. Machine
// captions are on only while it is recorded: the demo's settings keep the production default (off).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initializeApp } from 'firebase-admin/app';
import { FieldValue, getFirestore } from 'firebase-admin/firestore';
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
  const db = getFirestore(app);
  await db.doc('settings/global').set({ speechBatch: 'standard' }, { merge: true });
  // At 640x360, not the stand-in's 720p default: emulator-data/ is committed, and a 720p lecture with
  // its ladder, every rung marked twice, would add about 200 MB to the repository.
  const recordingId = await recordDemoLecture(db, secret, { speech: 'captions', videoSize: '640x360' });
  await db.doc('settings/global').update({ speechBatch: FieldValue.delete() });
  console.log(`recorded the demo lecture ${recordingId}, with machine captions`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
