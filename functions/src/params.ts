// Every deploy-time parameter and secret of LectureVault, in one place.
// Local values for the demo project live in functions/.env.local and functions/.secret.local
// (read only by the emulator); production values come from .env.<projectId> and Secret Manager.
import { defineSecret, defineString } from 'firebase-functions/params';

/**
 * The one region every function runs in (setGlobalOptions in index.ts). Hosting's rewrites in
 * firebase.json cannot read a parameter, so they name the same region literally, and
 * `npm run preflight` checks that they agree. The storage trigger must be allowed to listen to the
 * bucket: the bucket in this region, or in a multi-region that contains it (firebase-tools refuses
 * the deploy otherwise; https://cloud.google.com/eventarc/docs/understand-locations).
 */
export const functionsRegion = defineString('FUNCTIONS_REGION', {
  // Named in functions/.env as well: firebase-tools prompts for any parameter no .env file names.
  default: 'us-central1',
  description: 'Region of every function (and of the Hosting rewrites in firebase.json)',
});

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
 * Service-account JSON LiveKit Egress uses to upload segments into our bucket
 * (objectCreator on ingest/ is enough). Ignored by the local stand-in.
 */
export const egressGcpCredentials = defineSecret('EGRESS_GCP_CREDENTIALS');

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
