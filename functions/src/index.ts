// Manifest: every deployed function of LectureVault, wired to its handler. Nothing else.
import { onRequest } from 'firebase-functions/https';
import { onSchedule } from 'firebase-functions/scheduler';
import { onObjectFinalized } from 'firebase-functions/storage';
import { onTaskDispatched } from 'firebase-functions/tasks';
import { buildRouter } from './api/routes';
import { runSweep, runWatchdog } from './jobs/reconcile';
import { egressGcpCredentials, livekitApiSecret, recordingKek } from './params';
import { handleLivekitWebhook } from './triggers/livekit-webhook';
import { handleObjectFinalized } from './triggers/segment-finalized';
import type { WatchdogTask } from './store/tasks';

const router = buildRouter();
const livekitSecrets = [livekitApiSecret, egressGcpCredentials];

export const api = onRequest({ secrets: [...livekitSecrets, recordingKek] }, (req, res) => router.handle(req, res));

export const livekitWebhook = onRequest({ secrets: livekitSecrets }, handleLivekitWebhook);

export const segmentFinalized = onObjectFinalized({ secrets: [recordingKek], retry: false }, handleObjectFinalized);

export const recordingWatchdog = onTaskDispatched(
  {
    secrets: livekitSecrets,
    timeoutSeconds: 120,
    retryConfig: { maxAttempts: 3, minBackoffSeconds: 10 },
    rateLimits: { maxConcurrentDispatches: 50 },
  },
  (request) => runWatchdog(request.data as Partial<WatchdogTask>),
);

export const reconcileSweep = onSchedule({ schedule: 'every 1 minutes', secrets: livekitSecrets }, runSweep);
