// The closed lists the wire carries and the functions' domain decides over: recording statuses,
// consent answers, playback refusal codes, the player's tab-switch policies, retention choices and
// the limits a request is checked against. Owned here, so the server and the web app cannot
// disagree on them; the domain imports them from this package.

/** Who a user is to LectureVault (read live from Firestore on every check). */
export const ROLES = ['admin', 'teacher', 'student'] as const;
export type Role = (typeof ROLES)[number];

/** Why someone may watch a recording: what the access check allowed them by. */
export const VIAS = ['admin', 'teacher', 'batch', 'grant'] as const;
export type Via = (typeof VIAS)[number];

/** A recording's life (the state machine is functions/src/domain/recording/recording-state.ts). */
export const RECORDING_STATUSES = ['starting', 'recording', 'stopping', 'ready', 'incomplete', 'failed'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** The consent banner's two answers. */
export const CONSENT_ANSWERS = ['continue', 'leave'] as const;
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];

/**
 * Where a participant stands in a recording's consent ledger. acknowledged: answered "Continue";
 * left: answered "Leave meeting"; never-answered: in the room while it recorded but no answer
 * reached us (a client without our banner, or one that ignored it).
 */
/** The consent banner's wording: raise it when the text changes, so the ledger tells which one was shown. */
export const CONSENT_TEXT_VERSION = 1;

export const CONSENT_STATUSES = ['acknowledged', 'left', 'never-answered'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

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

/** The library's orders. */
export const LIBRARY_SORTS = ['newest', 'oldest'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

/** An audit entry's outcome. */
export const AUDIT_OUTCOMES = ['ok', 'denied', 'refused', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What verifying the audit log's hash chains may find wrong with an entry. */
export const AUDIT_PROBLEMS = ['edited', 'missing', 'broken-link', 'head-mismatch'] as const;
export type AuditProblem = (typeof AUDIT_PROBLEMS)[number];

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
