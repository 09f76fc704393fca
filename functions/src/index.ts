// Manifest: every deployed function of LectureVault, wired to its handler. Nothing else.
import { onRequest } from 'firebase-functions/https';
import { onObjectFinalized } from 'firebase-functions/storage';
import { buildRouter } from './api/routes';
import { livekitApiSecret, recordingKek } from './params';
import { handleLivekitWebhook } from './triggers/livekit-webhook';
import { handleObjectFinalized } from './triggers/segment-finalized';

const router = buildRouter();

export const api = onRequest({ secrets: [livekitApiSecret, recordingKek] }, (req, res) => router.handle(req, res));

export const livekitWebhook = onRequest({ secrets: [livekitApiSecret] }, handleLivekitWebhook);

export const segmentFinalized = onObjectFinalized({ secrets: [recordingKek], retry: false }, handleObjectFinalized);
