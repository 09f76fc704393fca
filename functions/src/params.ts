// Every deploy-time parameter and secret of LectureVault, in one place.
// Local values for the demo project live in functions/.env.local and functions/.secret.local
// (read only by the emulator); production values come from .env.<projectId> and Secret Manager.
import { defineSecret, defineString, expr, projectID } from 'firebase-functions/params';

export const livekitUrl = defineString('LIVEKIT_URL', {
  description: 'LiveKit server URL, e.g. https://my-project.livekit.cloud',
});
export const livekitApiKey = defineString('LIVEKIT_API_KEY', {
  description: 'LiveKit API key (the JWT issuer for server API calls and webhooks)',
});
export const livekitApiSecret = defineSecret('LIVEKIT_API_SECRET');

/** Key-encryption key (32 bytes, base64) that wraps every per-recording AES-128 key. */
export const recordingKek = defineSecret('RECORDING_KEK');

/**
 * Service-account JSON LiveKit Egress uses to upload into the ingest bucket. It needs
 * roles/storage.objectUser on that bucket only (egress overwrites its playlist, which takes delete
 * as well as create) and nothing on the main bucket. Ignored by the local stand-in.
 */
export const egressGcpCredentials = defineSecret('EGRESS_GCP_CREDENTIALS');

/**
 * The bucket LiveKit Egress uploads plaintext into (ingest/{recordingId}/…), apart from the default
 * bucket: egress's credential can touch nothing else, the storage trigger fires only for egress
 * output, and a lifecycle rule there backstops any plaintext left behind (storage-lifecycle.ingest.json).
 */
export const ingestBucket = defineString('INGEST_BUCKET', {
  // Only what an interactive deploy offers: firebase-tools still prompts (and a non-interactive run
  // fails) unless .env.<projectId> names it; the emulator's value is in .env.local.
  default: expr`${projectID}-ingest`,
  description: 'Bucket LiveKit Egress uploads raw segments into, e.g. <project-id>-ingest (create it first, in the functions region)',
});

/**
 * Where one-time download links point: `<base>/downloads/<ticket>`. The default, `/api`, keeps them
 * on the web app's own origin, through Hosting's rewrite. In production, set it to the `downloads`
 * function's own URL (https://us-central1-<project-id>.cloudfunctions.net/downloads) so a download
 * of gigabytes is bound only by that function's 1 h timeout, not by Hosting's proxy. The ticket is
 * the credential, so no cookie or header has to cross origins.
 */
export const downloadBaseUrl = defineString('DOWNLOAD_BASE_URL', {
  // Set in functions/.env too: firebase-tools (emulator and deploy) prompts for any parameter no
  // .env file names, default or not, and a prompt hangs a non-interactive run.
  default: '/api',
  description: 'Base URL for one-time download links: /api (through Hosting) or the downloads function URL',
});
