// Manifest: every deployed function of LectureVault, wired to its handler. Nothing else.
import {
  onDocumentCreated,
  onDocumentDeleted,
  onDocumentUpdated,
  onDocumentWritten,
} from 'firebase-functions/firestore';
import { onRequest } from 'firebase-functions/https';
import { setGlobalOptions } from 'firebase-functions/options';
import { onSchedule } from 'firebase-functions/scheduler';
import { onObjectFinalized } from 'firebase-functions/storage';
import { onTaskDispatched } from 'firebase-functions/tasks';
import { withCors } from './api/cors';
import { buildDownloadRouter, buildRouter, buildTraceRouter } from './api/routes';
import { runRetention, runSweep, runWatchdog } from './jobs/scheduled-jobs';
import {
  egressHmacSecret,
  functionsRegion,
  ingestBucket,
  livekitApiSecret,
  recordingKek,
  scheduleTimeZone,
} from './params';
import { handleLivekitWebhook } from './triggers/livekit-webhook';
import { handleObjectFinalized } from './triggers/segment-finalized';
import { handleRecordingUpdated } from './triggers/recording-updated';
import { handleAlertCreated } from './triggers/alert-created';
import { handleMeetingWritten, handleMemberRemoved, handleUserWritten } from './triggers/access-changed';
import type { WatchdogTask } from './store/tasks';
import type { CaptionTask } from './store/caption-jobs';
import { runCaptionStep } from './services/captions/machine-captions';

// One region for all: no function may name its own (see params.ts and firebase.json's rewrites).
setGlobalOptions({ region: functionsRegion });

const router = buildRouter();
const downloadRouter = buildDownloadRouter();
const traceRouter = buildTraceRouter();
const livekitSecrets = [livekitApiSecret, egressHmacSecret];

// CORS first: the platform's pages (WIDGET_ORIGINS) call it from their own origin (api/cors.ts).
// cors: false, or the functions emulator wraps the function in a CORS middleware that allows every
// origin (its FIREBASE_DEBUG_FEATURES enableCors), and the emulator would not show what we deploy.
export const api = onRequest(
  { secrets: [...livekitSecrets, recordingKek], cors: false },
  withCors((req, res) => router.handle(req, res)),
);

// A 3 h lecture is gigabytes: its download may stream for many minutes, far past the api's default.
// cors: false here and below: no page on another origin calls these, so they answer no Origin at
// all (without it the emulator's wrapper would echo any, and local would differ from deployed).
export const downloads = onRequest({ secrets: [recordingKek], timeoutSeconds: 3600, cors: false }, (req, res) =>
  downloadRouter.handle(req, res),
);

// A trace decodes the clip and holds a recording's reference frames (~41 MB an hour) while it
// searches: 2 GiB and a whole vCPU, one trace per instance (docs/forensic-watermark.md). 60 s, as
// Hosting's proxy allows: a trace that could not answer in time must not go on holding the one slot.
export const tracer = onRequest(
  { secrets: [recordingKek], memory: '2GiB', cpu: 1, concurrency: 1, timeoutSeconds: 60, cors: false },
  (req, res) => traceRouter.handle(req, res),
);

// Called by LiveKit's servers, never by a browser: no CORS.
export const livekitWebhook = onRequest({ secrets: livekitSecrets, cors: false }, handleLivekitWebhook);

// Only the ingest bucket: writes to the main bucket (the encrypted copies) never invoke it.
// retry: false: the handler retries its own steps (2, 4, 8 s) and then alerts; see segment-ingest.ts.
// A marked recording's segment is re-encoded twice by ffmpeg (with the ladder, twice per video rung
// too): 2 vCPUs, 2 GiB, two at a time, sized from the measured encode cost in
// docs/ingest-and-retention.md and docs/adaptive-ladder.md.
export const segmentFinalized = onObjectFinalized(
  {
    bucket: ingestBucket,
    secrets: [recordingKek],
    retry: false,
    timeoutSeconds: 300,
    memory: '2GiB',
    cpu: 2,
    concurrency: 2,
  },
  handleObjectFinalized,
);

export const recordingUpdated = onDocumentUpdated('recordings/{recordingId}', handleRecordingUpdated);
// A new alert: the admins are mailed (the Trigger Email extension's `mail` collection).
export const alertCreated = onDocumentCreated('alerts/{alertId}', handleAlertCreated);

// Access changes written straight to Firestore (the console included) cut the open sessions they end.
export const userWritten = onDocumentWritten('users/{uid}', handleUserWritten);
export const meetingWritten = onDocumentWritten('meetings/{meetingId}', handleMeetingWritten);
export const batchMemberRemoved = onDocumentDeleted('batches/{batchId}/members/{uid}', handleMemberRemoved);

export const recordingWatchdog = onTaskDispatched(
  {
    secrets: livekitSecrets,
    timeoutSeconds: 120,
    retryConfig: { maxAttempts: 3, minBackoffSeconds: 10 },
    rateLimits: { maxConcurrentDispatches: 50 },
  },
  (request) => runWatchdog(request.data as Partial<WatchdogTask>),
);

// One step of a recording's machine captions (services/captions/machine-captions.ts): the extraction
// decrypts and re-encodes an hour of audio at most per chunk. The handler reschedules its own
// retries (with backoff, then an alert), so Cloud Tasks' retry only covers a crashed instance.
export const machineCaptions = onTaskDispatched(
  {
    secrets: [recordingKek],
    timeoutSeconds: 540,
    memory: '1GiB',
    retryConfig: { maxAttempts: 2, minBackoffSeconds: 60 },
    rateLimits: { maxConcurrentDispatches: 10 },
  },
  (request) => runCaptionStep(request.data as Partial<CaptionTask>),
);

// 300 s: a stranded chunk it re-drives may take its 2, 4, 8 s retries; overlapping runs are idempotent.
export const reconcileSweep = onSchedule(
  {
    schedule: 'every 1 minutes',
    timeZone: scheduleTimeZone,
    timeoutSeconds: 300,
    secrets: [...livekitSecrets, recordingKek],
  },
  runSweep,
);

export const retentionDaily = onSchedule(
  { schedule: 'every day 03:00', timeZone: scheduleTimeZone, timeoutSeconds: 540 },
  runRetention,
);
