// Records the seeded demo lecture: the LiveKit stand-in's egress (real H.264 + AAC test pattern)
// through the real functions: start, encrypted ingest, stop, compiled playlist. Emulators only.
// With `speech`, the egress records the spoken lecture (espeak-ng) instead of the tone, the meeting's
// phrase list is the lecture's text, and machine captions are waited for (settings/global.speechBatch
// must be on): the Speech-to-Text stand-in that scripts/dev.mjs starts makes them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaptionCue } from '@lecturevault/contract';
import type { Firestore } from 'firebase-admin/firestore';
import { startLiveKitDev } from '../../tools/livekit-dev/src/server';
import { functionsRegion } from '../functions-env.mjs';
import { DEMO_PASSWORD, users } from './world';

const PROJECT = 'demo-lecturevault';
const FUNCTIONS = `http://127.0.0.1:5001/${PROJECT}/${functionsRegion(PROJECT, { emulator: true })}`;
/**
 * 22 segments (2 min 34 s): long enough for the forensic tracer to name the student who rips it
 * among the demo's few viewers (docs/forensic-watermark.md: 15 to 17 clear segments are needed).
 */
export const DEMO_RECORDING_SEGMENTS = 22;

async function idToken(email: string): Promise<string> {
  const res = await fetch(
    `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD, returnSecureToken: true }),
    },
  );
  return ((await res.json()) as { idToken: string }).idToken;
}

const DEMO_MEETING = 'meetings/meeting-cardio-101';

/** The demo lecture's machine captions, once stored (the stand-in recognises 40 s of speech in seconds). */
export async function demoCaptions(db: Firestore, recordingId: string, timeoutMs = 180_000): Promise<CaptionCue[]> {
  return until(
    'machine captions',
    async () => (await db.doc(`recordings/${recordingId}/captions/en`).get()).get('cues') as CaptionCue[] | undefined,
    () => 0,
    timeoutMs,
  );
}

/**
 * Polls `check` until it answers. It gives up after `stallMs` in which `progress` did not grow, not
 * after a fixed time: a loaded machine ingests more slowly, but a recording that moves is not stuck.
 */
async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  progress: () => number = () => 0,
  stallMs = 90_000,
): Promise<T> {
  let seen = progress();
  let deadline = Date.now() + stallMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (progress() > seen) [seen, deadline] = [progress(), Date.now() + stallMs];
    if (Date.now() > deadline) throw new Error(`seed: no progress for ${stallMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function recordDemoLecture(
  db: Firestore,
  secret: string,
  // Real time: at LiveKit's default preset (the stand-in's, 720p30) a marked segment's ladder takes
  // about a core-second per second of video (docs/adaptive-ladder.md), so ingest keeps up on 2 cores
  // only when segments come no faster than egress writes them. A test may ask for a smaller picture.
  {
    segments = DEMO_RECORDING_SEGMENTS,
    speed = 1,
    videoSize,
    speech,
  }: {
    segments?: number;
    speed?: number;
    videoSize?: string;
    /**
     * 'captions': spoken, and returns once its machine captions are stored; 'job': spoken, and
     * returns once its caption job exists (the caller waits for the captions when it needs them).
     */
    speech?: 'captions' | 'job';
  } = {},
): Promise<string> {
  const livekit = await startLiveKitDev({
    port: 7880,
    apiKey: 'devkey',
    apiSecret: secret,
    webhookUrl: `${FUNCTIONS}/livekitWebhook`,
    storageHost: process.env.FIREBASE_STORAGE_EMULATOR_HOST,
    stateFile: path.join(mkdtempSync(path.join(tmpdir(), 'seed-livekit-')), 'state.json'),
    speed,
    ...(videoSize && { videoSize }),
    quiet: true,
  });
  try {
    if (speech) {
      const lecture = await livekit.egress.speakIn('cardio-101');
      // The teacher's list for the course: the lecture's own words (the stand-in knows no others).
      await db.doc(DEMO_MEETING).update({ speechPhrases: lecture.sentences.map((s) => s.text) });
    }
    livekit.rooms.join('cardio-101', users.teacher1.uid, users.teacher1.name);
    livekit.rooms.join('cardio-101', users.student1.uid, users.student1.name);
    const token = await idToken(users.teacher1.email);
    const call = (action: string) =>
      fetch(`${FUNCTIONS}/api/meetings/meeting-cardio-101/recording/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
    const started = (await (await call('start')).json()) as { recording: { id: string } };
    const id = started.recording.id;
    // Stop once the egress has written the segments asked for, counted as it uploads them: ingest
    // lags (a marked segment is encoded twice, and the ladder's rungs), and an egress faster than
    // real time would otherwise pile up segments that a loaded machine must still mark.
    const written = () => livekit.egress.list({ roomName: 'cardio-101' }).reduce((n, e) => n + e.segments.length, 0);
    await until('the egress to write the segments', async () => (written() >= segments ? true : undefined), written);
    await call('stop');
    let confirmed = 0;
    await until(
      'the segments to be stored',
      async () => {
        confirmed = (await db.collection(`recordings/${id}/segments`).where('status', '==', 'confirmed').get()).size;
        return confirmed >= segments ? confirmed : undefined;
      },
      () => confirmed,
    );
    await until('the compiled playlist', async () =>
      (await db.doc(`playlists/${id}`).get()).exists ? true : undefined,
    );
    livekit.rooms.end('cardio-101');
    await livekit.webhooks.idle();
    if (speech === 'job')
      await until('the caption job', async () => ((await db.doc(`captionJobs/${id}`).get()).exists ? true : undefined));
    if (speech === 'captions') await demoCaptions(db, id);
    return id;
  } finally {
    await livekit.close();
  }
}
