// Every deploy-time parameter and secret of LectureVault, in one place.
// Local values for the demo project live in functions/.env.local and functions/.secret.local
// (read only by the emulator); production values come from .env.<projectId> and Secret Manager.
import { defineBoolean, defineSecret, defineString, expr, projectID } from 'firebase-functions/params';
import { parseOrigins } from './domain/http/cors-policy';
import { parseSignInDomains } from './domain/access/school-sign-in';

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

/**
 * The IANA time zone the scheduled jobs' wall-clock times are read in (retention runs at 03:00
 * there). Without it Cloud Scheduler uses America/Los_Angeles: the school's night, not California's.
 */
export const scheduleTimeZone = defineString('SCHEDULE_TIME_ZONE', {
  description: 'IANA time zone of the scheduled jobs, e.g. Europe/London (retention runs at 03:00 there)',
});

/** The school's time zone (the scheduled jobs' one): a lecture's default title is dated in it. */
export const schoolTimeZone = (): string => scheduleTimeZone.value() || 'UTC';

/**
 * Admin-only actions (requireAdmin) need a sign-in with a second factor: the ID token's
 * firebase.sign_in_second_factor claim. Enrol admins in multi-factor auth (Identity Platform)
 * before turning it on, or they are locked out of the console until they do.
 */
export const adminRequireMfa = defineBoolean('ADMIN_REQUIRE_MFA', {
  // Named in functions/.env (false): firebase-tools prompts for any parameter no .env file names.
  default: false,
  description: 'Admin actions require a second-factor sign-in (true/false)',
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
 * The HMAC key LiveKit Egress signs its uploads with (Cloud Storage's XML API, LiveKit's S3 upload;
 * domain/ingest/egress-upload.ts says why not a key JSON). It belongs to the egress account, which
 * has roles/storage.objectUser on the ingest bucket only (egress overwrites its playlist, which
 * takes delete as well as create) and nothing on the main bucket. `npm run bootstrap` creates it:
 * the access id into .env.<projectId> (an identifier, not a secret), the secret into Secret Manager.
 * The local stand-in checks that both are sent and ignores their values.
 */
export const egressHmacAccessId = defineString('EGRESS_HMAC_ACCESS_ID', {
  description: 'Access id of the egress account’s Cloud Storage HMAC key (gcloud storage hmac create)',
});
export const egressHmacSecret = defineSecret('EGRESS_HMAC_SECRET');

/**
 * The bucket LiveKit Egress uploads plaintext into (ingest/{recordingId}/…), apart from the default
 * bucket: egress's credential can touch nothing else, the storage trigger fires only for egress
 * output, and a lifecycle rule there backstops any plaintext left behind (storage-lifecycle.ingest.json).
 */
export const ingestBucket = defineString('INGEST_BUCKET', {
  // Only what an interactive deploy offers: firebase-tools still prompts (and a non-interactive run
  // fails) unless .env.<projectId> names it; the emulator's value is in .env.local.
  default: expr`${projectID}-ingest`,
  description:
    'Bucket LiveKit Egress uploads raw segments into, e.g. <project-id>-ingest (create it first, in the functions region)',
});

/**
 * Where one-time download links point: `<base>/downloads/<ticket>`. Empty (functions/.env, so every
 * deployed project) means the `downloads` function's own URL, so a download of gigabytes is bound
 * only by that function's 1 h timeout, not by Hosting's proxy, which ends any function response at
 * 60 s (https://firebase.google.com/docs/hosting/functions). The emulator sets `/api` (.env.local):
 * the same route through Hosting's rewrite. The ticket is the credential, so no cookie or header has
 * to cross origins.
 */
export const downloadBaseUrl = defineString('DOWNLOAD_BASE_URL', {
  // Named in functions/.env too: firebase-tools (emulator and deploy) prompts for any parameter no
  // .env file names, default or not, and a prompt hangs a non-interactive run.
  default: '',
  description: 'Base URL for one-time download links; empty: the downloads function URL',
});

/**
 * The base of download links: DOWNLOAD_BASE_URL, or the deterministic URL every HTTP function has,
 * https://REGION-PROJECT_ID.cloudfunctions.net/NAME (https://cloud.google.com/functions/docs/calling/http).
 */
export function downloadLinkBase(): string {
  const configured = downloadBaseUrl.value().trim().replace(/\/+$/, '');
  return configured || `https://${functionsRegion.value()}-${projectID.value()}.cloudfunctions.net/downloads`;
}

/**
 * The platform's origins, whose pages embed the widgets (/embed/lecturevault.js) and so call the
 * API from another origin (space-separated, e.g. "https://learn.example.edu https://meet.example.edu").
 * Empty (functions/.env): no page on another origin may. The widgets send the ID token only; no
 * cookie is ever allowed across origins (docs/embedding.md).
 */
export const widgetOriginsParam = defineString('WIDGET_ORIGINS', {
  // Named in functions/.env too: firebase-tools prompts for any parameter no .env file names.
  default: '',
  description: 'Origins (https://…, space-separated) whose pages embed the LectureVault widgets; empty: none',
});

/** WIDGET_ORIGINS as a list; an entry that is not an https origin is left out (preflight reports it). */
export function widgetOrigins(): string[] {
  return parseOrigins(widgetOriginsParam.value()).origins;
}

/** Where mail links point: the project's default Hosting site (a custom domain would be a parameter). */
export const appOrigin = (): string => `https://${projectID.value()}.web.app`;

/**
 * The school's email domains whose Google Workspace or Microsoft accounts may sign in (space- or
 * comma-separated, e.g. "school.edu staff.school.edu"). Empty (functions/.env): no provider sign-in
 * counts, only email and password. A provider sign-in must also carry a verified email and match an
 * existing users/ entry: signing in enrols nobody (docs/production.md §14).
 */
export const signInDomainsParam = defineString('SIGN_IN_DOMAINS', {
  // Named in functions/.env too: firebase-tools prompts for any parameter no .env file names.
  default: '',
  description: 'Email domains (space-separated) whose Google Workspace / Microsoft accounts may sign in; empty: none',
});

/** SIGN_IN_DOMAINS as a list (domain/access/school-sign-in.ts reads it). */
export function signInDomains(): string[] {
  return parseSignInDomains(signInDomainsParam.value());
}

/**
 * Speech-to-Text v2 for machine captions (docs/captions.md). The location holds the model: Chirp 2
 * is served in us-central1, europe-west4 and asia-southeast1; Chirp 3 in the us and eu
 * multi-regions and a few regions. Audio and results stay in the ingest bucket meanwhile.
 */
export const speechLocation = defineString('SPEECH_LOCATION', {
  // Named in functions/.env too: firebase-tools prompts for any parameter no .env file names.
  default: 'us-central1',
  description: 'Speech-to-Text location of the caption model, e.g. us-central1 (Chirp 2) or us (Chirp 3)',
});
export const speechModel = defineString('SPEECH_MODEL', {
  default: 'chirp_2',
  description: 'Speech-to-Text model for machine captions: chirp_2 (up to 8 h a file) or chirp_3',
});
export const speechLanguage = defineString('SPEECH_LANGUAGE', {
  default: 'en-US',
  description: 'BCP-47 language the lectures are spoken in, e.g. en-US or en-GB',
});
/**
 * Empty (functions/.env, every deployed project): the location's own endpoint,
 * https://{location}-speech.googleapis.com, called with the functions' service account. The
 * emulator sets the local stand-in's URL (.env.local), which takes no token.
 */
export const speechEndpoint = defineString('SPEECH_ENDPOINT', {
  default: '',
  description: 'Speech-to-Text API base URL; empty: https://{SPEECH_LOCATION}-speech.googleapis.com',
});

/** The base URL BatchRecognize and operations are called at, and whether it is Google's (needs a token). */
export function speechApi(): { baseUrl: string; google: boolean; project: string } {
  const configured = speechEndpoint.value().trim().replace(/\/+$/, '');
  if (configured)
    return {
      baseUrl: configured,
      google: /^https:\/\/[a-z0-9.-]+\.googleapis\.com$/.test(configured),
      project: projectID.value(),
    };
  return {
    baseUrl: `https://${speechLocation.value()}-speech.googleapis.com`,
    google: true,
    project: projectID.value(),
  };
}
