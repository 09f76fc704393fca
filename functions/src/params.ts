// Every deploy-time parameter and secret of LectureVault, in one place.
// Local values for the demo project live in functions/.env.local and functions/.secret.local
// (read only by the emulator); production values come from .env.<projectId> and Secret Manager.
import { defineSecret, defineString } from 'firebase-functions/params';

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
