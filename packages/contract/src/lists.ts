// The closed lists the wire carries and the functions' domain decides over: recording statuses,
// consent answers, playback refusal codes, the player's tab-switch policies, retention choices and
// the limits a request is checked against. Owned here, so the server and the web app cannot
// disagree on them; the domain imports them from this package.

/** A recording's life (the state machine is functions/src/domain/recording-state.ts). */
export const RECORDING_STATUSES = ['starting', 'recording', 'stopping', 'ready', 'incomplete', 'failed'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** The consent banner's two answers. */
export const CONSENT_ANSWERS = ['continue', 'leave'] as const;
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];

/**
 * The names of a refusal to play, as the wire carries them (`error.code`): the web app's player
 * tells the viewer which one happened, so the server may send no code outside this list.
 */
export const PLAYBACK_REFUSAL_CODES = [
  'unauthenticated',
  'permission-denied',
  'not-found',
  'not-playable',
  'recording-expired',
  'access-revoked',
  /** The same account opened more sessions than it may have at once; this, the oldest, was ended. */
  'session-replaced',
  'session-ended',
] as const;
export type PlaybackRefusalCode = (typeof PLAYBACK_REFUSAL_CODES)[number];

/**
 * The tab-switch policy for the player, an admin setting: pause when the tab is hidden (the
 * default), also when the window loses focus, or never.
 */
export const BACKGROUND_PAUSE_CHOICES = ['hidden', 'hidden-or-blur', 'off'] as const;
export type BackgroundPause = (typeof BACKGROUND_PAUSE_CHOICES)[number];

/** The retention policies an admin may choose, in days. */
export const RETENTION_CHOICES = [30, 60, 90] as const;
export type RetentionDays = (typeof RETENTION_CHOICES)[number];

/**
 * The latest expiry an admin may set: 9999-12-31T23:59:59.999Z, the last instant both a JavaScript
 * Date (to 8.64e15) and a Firestore Timestamp (to year 9999) can hold. A later one was stored, then
 * its audit line threw: a change with no audit entry.
 */
export const LATEST_EXPIRY_MS = 253_402_300_799_999;

/**
 * The largest clip POST /api/trace takes (the web app refuses a larger one before uploading it).
 * Below the platform's own 32 MiB request limit (Cloud Run's HTTP/1 requests; the functions
 * emulator's body parser): past that the platform answers 413 itself, before our code, without our
 * error shape; up to it, ours answers. Minutes of a re-encoded copy fit easily (a 320 px CRF 32
 * copy is well under 1 MB a minute).
 */
export const TRACE_CLIP_MAX_BYTES = 30 * 1024 * 1024;
