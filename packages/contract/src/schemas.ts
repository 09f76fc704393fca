// The API's wire shapes, shared by the functions and the web app: the request bodies and query
// strings the web app sends and the response bodies it reads. The web app parses every response
// with these schemas; the handlers' replies are typed with `Sent<…>` of them (through the endpoint
// table, endpoints.ts), so the server cannot send a shape the client would refuse. Imports nothing
// but zod/mini (tree-shakable, and this file lands in the web app's first route) and the lists
// of statuses, retention choices and refusal names (lists.ts), which it must not restate.
import * as z from 'zod/mini';
import {
  AUDIT_OUTCOMES,
  AUDIT_PROBLEMS,
  BACKGROUND_PAUSE_CHOICES,
  CONSENT_ANSWERS,
  CONSENT_STATUSES,
  LATEST_EXPIRY_MS,
  LIBRARY_SORTS,
  RECORDING_STATUSES,
  RETENTION_CHOICES,
  ROLES,
  VIAS,
} from './lists';
import { SPEECH_BATCH_MODES } from './captions';

/** A field the server may leave out or send as null; the web app sees null either way. */
const orNull = <T extends z.core.SomeType>(schema: T) => z._default(z.nullable(schema), null);
const id = z.string();

// ── Requests the web app sends ───────────────────────────────────────────────────────────────

export const hours = z.coerce.number().check(z.minimum(0.1, 'at least 0.1 h'), z.maximum(24, 'at most 24 h'));
export const startBody = z.object({
  confirmEmptyRoom: z._default(z.boolean(), false),
  expectedHours: z._default(hours, 1),
});
export const expiryBody = z.object({
  expiresAtMs: z.nullable(
    z.number().check(z.int(), z.positive(), z.maximum(LATEST_EXPIRY_MS, 'must be a date before the year 10000')),
  ),
});
/** RFC 5321's longest forward path; a longer "address" only ever came from a fuzzer (and made a document id Firestore refuses). */
export const MAX_EMAIL_LENGTH = 254;
export const emailBody = z.object({
  email: z.pipe(
    z
      .string()
      .check(z.trim(), z.maxLength(MAX_EMAIL_LENGTH, `at most ${MAX_EMAIL_LENGTH} characters`), z.toLowerCase()),
    z.email('not an email address'),
  ),
});
export const retentionBody = z.object({ days: z.literal(RETENTION_CHOICES, 'must be 30, 60 or 90') });
export const backgroundPause = z.enum(BACKGROUND_PAUSE_CHOICES, 'must be hidden, hidden-or-blur or off');
export const backgroundPauseBody = z.object({ policy: backgroundPause });
export const forensicWatermarkBody = z.object({ enabled: z.boolean('must be true or false') });
/** PUT /api/settings/ladder: the adaptive ladder of new recordings. */
export const ladderSetting = z.enum(['full', 'source-only'], "must be 'full' or 'source-only'");
export const ladderBody = z.object({ ladder: ladderSetting });
/** The response header a delivered segment carries its receipt in (functions/src/domain/playback/delivery-receipts.ts). */
export const DELIVERY_RECEIPT_HEADER = 'X-Delivery-Receipt';
/** Receipts one heartbeat may carry: a minute of 7 s segments is about 9; seeking adds some. */
export const MAX_RECEIPTS_PER_BEAT = 200;
export const heartbeatBody = z.object({
  positionSeconds: z._default(z.number().check(z.minimum(0), z.maximum(86_400)), 0),
  /** The X-Delivery-Receipt headers of the segments received since the last heartbeat. */
  delivered: z._default(
    z.array(z.string().check(z.maxLength(40))).check(z.maxLength(MAX_RECEIPTS_PER_BEAT, 'at most 200 receipts')),
    [],
  ),
});

/** GET /api/library's query string. */
export const libraryQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(100, 'at most 100 characters'))),
  meetingId: z.optional(z.string().check(z.maxLength(128))),
  batchId: z.optional(z.string().check(z.maxLength(128))),
  sort: z._default(z.enum(LIBRARY_SORTS, 'must be newest or oldest'), 'newest'),
  after: z.optional(z.string().check(z.maxLength(300))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50, 'at most 50')), 20),
});
/** PUT /api/recordings/:id/details: what the library shows of a recording. */
export const detailsBody = z.strictObject({
  title: z.string().check(z.trim(), z.minLength(1, 'a title is needed'), z.maxLength(200, 'at most 200 characters')),
  description: z._default(z.string().check(z.trim(), z.maxLength(2000, 'at most 2000 characters')), ''),
});

/** GET /api/recording-estimate's query string. */
export const estimateQuery = z.object({ hours });
/** GET /api/alerts' query string (the navigation badge asks for one). */
export const alertsQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
});
/** GET /api/audit's query string (the server also checks recordingId is one of its ids). */
export const auditQuery = z.object({
  recordingId: z.optional(z.string()),
  uid: z.optional(z.string().check(z.maxLength(128))),
  action: z.optional(z.string().check(z.maxLength(40))),
  outcome: z.optional(z.enum(AUDIT_OUTCOMES)),
  fromMs: z.optional(z.coerce.number().check(z.int())),
  toMs: z.optional(z.coerce.number().check(z.int())),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  after: z.optional(z.coerce.number().check(z.int())),
});
/** POST /api/trace's query string: the recording the clip is from, if the admin knows it. */
export const traceQuery = z.object({ recordingId: z.optional(z.string()) });
/** A segment URL's signature (GET /api/play/:sessionId/seg/:file), as the server signed it into the playlist. */
/** GET /api/play/:sessionId/multivariant.m3u8: `only=audio` lists the audio-only variant alone (the player's "Audio only"), its subtitle renditions kept. */
export const multivariantQuery = z.object({ only: z.optional(z.literal('audio')) });
export const segmentQuery = z.object({ exp: z.coerce.number().check(z.int()), sig: z.string().check(z.maxLength(64)) });
/** PUT /api/meetings/:meetingId/teacher-download. */
export const teacherDownloadBody = z.object({ allowed: z.boolean() });
/** POST /api/admin/kek/rewrap: where the previous call stopped (the server also checks it is one of its ids). */
export const rewrapBody = z.strictObject({ after: z.optional(z.nullable(z.string())) });

/** POST /api/recordings/:recordingId/download-links: the file the link gives (absent: MPEG-TS, as stored). */
export const downloadLinkBody = z.strictObject({ format: z.optional(z.enum(['ts', 'mp4'], 'must be ts or mp4')) });

/**
 * POST /api/access-requests: a student asks the admins for access to a recording (its id, as the
 * page they are on knows it), or, from an empty library, to be given lectures at all (no id).
 */
export const accessRequestBody = z.strictObject({
  recordingId: z.optional(z.string().check(z.minLength(1), z.maxLength(128, 'at most 128 characters'))),
});

/** PUT /api/me/mail: whether the caller wants LectureVault's mail. */
export const mailBody = z.strictObject({ enabled: z.boolean() });

/** The consent banner's answer for a running recording of the meeting. */
export const consentBody = z.object({
  recordingId: z.string().check(z.maxLength(128)),
  answer: z.enum(CONSENT_ANSWERS, 'must be continue or leave'),
});

/** A day of the audit log's chains (UTC), as YYYY-MM-DD, and where a previous verification stopped. */
// Date.UTC, not new Date(text): an impossible month (2026-13-01) makes an Invalid Date, whose
// toISOString() throws out of the schema (a 500); Date.UTC rolls it over to another day instead.
const isDay = (text: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
export const verifyCursor = z.strictObject({
  shard: z.number().check(z.int(), z.minimum(0), z.maximum(63)),
  seq: z.number().check(z.int(), z.minimum(1), z.maximum(9_999_999)),
});
export const auditVerifyBody = z.strictObject({
  day: z.optional(z.string().check(z.refine(isDay, 'a day as YYYY-MM-DD'))),
  from: z.optional(z.nullable(verifyCursor)),
});

// ── Responses the web app reads ──────────────────────────────────────────────────────────────

export const profile = z.object({
  uid: id,
  role: z.enum(ROLES),
  name: z.string(),
  email: z.string(),
  /** The caller's own mail choice (PUT /api/me/mail). */
  mailEnabled: z.boolean(),
  /**
   * Admins only, and only when ADMIN_REQUIRE_MFA is on and this sign-in had no second factor: the
   * admin actions will be refused until they enrol one and sign in with it (the console's banner).
   */
  secondFactorNeeded: z.optional(z.literal(true)),
});

const recordingStatus = z.enum(RECORDING_STATUSES);

export const meetingSummary = z.object({
  id,
  title: z.string(),
  roomName: z.string(),
  teacherName: z.string(),
  canControl: z.boolean(),
});
export const meetingList = z.object({ meetings: z.array(meetingSummary) });

export const liveRecording = z.object({
  id,
  status: recordingStatus,
  elapsedSeconds: z.number(),
  stopRequestedAtMs: orNull(z.number()),
  forceStopAvailable: z.boolean(),
  reason: orNull(z.string()),
});
export const participant = z.object({ identity: z.string(), name: z.string() });
export const meetingState = z.object({
  meetingId: id,
  title: z.string(),
  canControl: z.boolean(),
  participants: z.array(participant),
  /** The meeting's latest recording, or null if it was never recorded. */
  recording: orNull(liveRecording),
});

/**
 * recordingStates/{meetingId}: what a participant needs of the meeting's recording, pushed to the
 * web app and the widgets by Firestore (onSnapshot) instead of polled. Written only by the
 * functions (store/recording-states.ts); firestore.rules let those who may see the meeting read it.
 */
export const pushedRecordingState = z.object({
  meetingId: id,
  /** The meeting's latest recording, or null (never recorded, or a start LiveKit refused). */
  recordingId: orNull(id),
  status: orNull(recordingStatus),
  /** When the recording was asked for, and when LiveKit began writing it (null until then). */
  createdAtMs: orNull(z.number()),
  startedAtMs: orNull(z.number()),
  startedByName: orNull(z.string()),
  /** The consent banner's text version the recording was started under (CONSENT_TEXT_VERSION). */
  consentTextVersion: z.number(),
  updatedAtMs: z.number(),
});
export type PushedRecordingState = z.infer<typeof pushedRecordingState>;

/**
 * adminBadges/alerts, the unread count the admins' navigation badge follows (Firestore's listener),
 * written by the functions with every alert raised or marked read.
 */
export const pushedAlertsBadge = z.object({
  unread: z.number(),
  /** When the count was taken from the alerts themselves; null: not yet, the count is a hint (ask the API). */
  countedAtMs: orNull(z.number()),
  updatedAtMs: z.number(),
});
export type PushedAlertsBadge = z.infer<typeof pushedAlertsBadge>;

/**
 * POST /api/embed/feed-token: a Firebase custom token for the caller, with which the recording
 * widget signs in a Firebase app of its own to follow recordingStates/ (docs/embedding.md). Never logged.
 */
export const feedToken = z.object({ customToken: z.string() });

export const estimate = z.object({
  hours: z.number(),
  estimatedBytes: z.number(),
  freeBytes: z.number(),
  warnings: z.array(z.string()),
});

export const recordingSummary = z.object({
  id,
  meetingId: id,
  title: z.string(),
  /** The description an admin or the meeting's teacher wrote, if any. */
  description: orNull(z.string()),
  status: recordingStatus,
  createdAtMs: z.number(),
  durationSeconds: z.number(),
  reason: orNull(z.string()),
  /** Admins only; null for everyone else. */
  storedBytes: orNull(z.number()),
  canDownload: z.boolean(),
  /** Admins only: when the recording will be removed (retention or its own expiry). */
  expiresAtMs: orNull(z.number()),
  /** Admins only: the expiry an admin set on this recording, if any. */
  expiryOverrideMs: orNull(z.number()),
  /** The caller's own server-measured viewing, or null if they never watched it. */
  progress: orNull(z.object({ watchedSeconds: z.number(), completion: z.number(), resumeAtSeconds: z.number() })),
  /** Whether GET /api/recordings/:id/poster has a frame to show. */
  hasPoster: z._default(z.boolean(), false),
});
export const recordingList = z.object({ recordings: z.array(recordingSummary) });
export const libraryPage = z.object({
  recordings: z.array(recordingSummary),
  /** Pass as `after` for the next page; null on the last. */
  next: orNull(z.string()),
  meetings: z.array(z.object({ id, title: z.string(), teacherName: z.string(), batchId: orNull(z.string()) })),
});

export const viewer = z.object({
  who: z.string(),
  name: orNull(z.string()),
  // A reason this web app does not know yet still lists the person, as a grant.
  via: z.catch(z.enum(VIAS), 'grant'),
  revoked: z.boolean(),
});
export const accessList = z.object({ viewers: z.array(viewer), revoked: z.array(z.string()) });
/** Server-measured viewing of one recording by one viewer (GET /api/recordings/:id/viewers). */
export const viewerStats = z.object({
  uid: id,
  name: z.string(),
  email: z.string(),
  watchedSeconds: z.number(),
  /** 0 … 1: watched seconds over the recording's length. */
  completion: z.number(),
  sessions: z.number(),
  firstWatchedAtMs: z.number(),
  lastWatchedAtMs: z.number(),
});
export const viewerList = z.object({ viewers: z.array(viewerStats) });
/** One participant of a recording in the consent ledger (GET /api/recordings/:id/consent). */
export const ledgerRow = z.object({
  identity: z.string(),
  name: z.string(),
  status: z.catch(z.enum(CONSENT_STATUSES), 'never-answered'),
  /** Seen in the room (LiveKit) while it recorded. */
  present: z.boolean(),
  joinedAtMs: orNull(z.number()),
  leftAtMs: orNull(z.number()),
  answeredAtMs: orNull(z.number()),
});
export const consentLedger = z.object({ participants: z.array(ledgerRow) });
export const revocation = z.object({ email: z.string(), sessionsCut: z.number() });

export const storageSummary = z.object({
  usedBytes: z.number(),
  capacityBytes: z.number(),
  quotaBytes: orNull(z.number()),
  freeBytes: z.number(),
  safetyMarginBytes: z.number(),
  alertThresholdRatio: z.number(),
  retentionDays: z.number(),
  /** The player's tab-switch policy (an admin setting beside retention). */
  backgroundPause: z._default(backgroundPause, 'hidden'),
  /** New recordings get the forensic A/B watermark (an admin setting). */
  forensicWatermark: z._default(z.boolean(), true),
  /** The adaptive ladder of new recordings (an admin setting). */
  ladder: z._default(ladderSetting, 'full'),
  /** Machine captions: standard or Dynamic Batch, or off (an admin setting, docs/captions.md). */
  speechBatch: z._default(z.enum(SPEECH_BATCH_MODES), 'off'),
  /** Of usedBytes, what the lower rungs and the audio-only rung take (both variants of each). */
  ladderBytes: z._default(z.number(), 0),
  meetings: z.array(z.object({ meetingId: id, bytes: z.number(), seconds: z.number() })),
  /** Priced by functions/src/domain/storage/cost-model.ts; the page only reads it out. */
  costEstimate: z.object({
    monthlyUsd: z.number(),
    lines: z.array(z.object({ key: z.string(), label: z.string(), usd: z.number() })),
    basis: z.object({ days: z.number(), recordedHours: z.number(), viewerHours: z.number(), storedBytes: z.number() }),
    pricesReadOn: z.string(),
    /** The watermark's share of the stored bytes (variant B and the references) and of the storage line. */
    watermark: z._default(z.object({ bytes: z.number(), usd: z.number() }), { bytes: 0, usd: 0 }),
    /** The adaptive ladder's share (its lower rungs, both variants, and audio only) of the stored bytes and the storage line. */
    ladder: z._default(z.object({ bytes: z.number(), usd: z.number() }), { bytes: 0, usd: 0 }),
  }),
});

export const alert = z.object({
  id,
  kind: z.string(),
  message: z.string(),
  recordingId: orNull(z.string()),
  meetingId: orNull(z.string()),
  /** Whom the alert is about (a student's access request), for the console to act on. */
  personUid: orNull(z.string()),
  atMs: z.number(),
  read: z.boolean(),
});
export const alertInbox = z.object({ alerts: z.array(alert), unread: z.number() });
/** POST /api/access-requests' one reply, the same for every request that passes the gates. */
export const accessRequestReply = z.object({ sent: z.literal(true) });

export const auditEntry = z.object({
  id,
  atMs: z.number(),
  action: z.string(),
  outcome: z.string(),
  uid: orNull(z.string()),
  email: orNull(z.string()),
  recordingId: orNull(z.string()),
  meetingId: orNull(z.string()),
  reason: orNull(z.string()),
  ip: orNull(z.string()),
  /** The person's name (users/, read live), the recording's and its meeting's titles: what an admin reads. */
  name: z.optional(orNull(z.string())),
  recordingTitle: z.optional(orNull(z.string())),
  meetingTitle: z.optional(orNull(z.string())),
});
/** GET /api/people: who an admin picks from (the audit log's filter). */
export const person = z.object({ uid: id, name: z.string(), email: z.string(), role: z.enum(ROLES) });
export const people = z.object({ people: z.array(person) });
export const auditPage = z.object({ entries: z.array(auditEntry), next: orNull(z.number()) });
/** A tally of one kind of refusal in one window: anonymous ones by network, an account's by account. */
export const auditCounter = z.object({
  id,
  action: z.string(),
  outcome: z.string(),
  uid: z.string(),
  email: orNull(z.string()),
  network: orNull(z.string()),
  recordingId: orNull(z.string()),
  reason: orNull(z.string()),
  count: z.number(),
  firstSeenMs: z.number(),
  lastSeenMs: z.number(),
  windowMs: z.number(),
});
export const auditCounters = z.object({ counters: z.array(auditCounter) });
export const auditFinding = z.object({
  entryId: id,
  day: z.string(),
  shard: z.number(),
  seq: z.number(),
  problem: z.enum(AUDIT_PROBLEMS),
  detail: z.string(),
});
export const auditVerification = z.object({
  day: z.string(),
  ok: z.boolean(),
  checked: z.number(),
  reads: z.number(),
  findings: z.array(auditFinding),
  next: orNull(verifyCursor),
});

export const downloadLink = z.object({ url: z.string() });

/** GET /api/health. */
export const health = z.object({ ok: z.boolean() });
/** What a mutation echoes back; the web app does not read these, the types keep the server honest. */
export const grantReply = z.object({ email: z.string() });
export const expiryReply = z.object({ expiresAtMs: z.nullable(z.number()) });
export const retentionReply = z.object({ retentionDays: z.number() });
export const backgroundPauseReply = z.object({ backgroundPause });
export const forensicWatermarkReply = z.object({ forensicWatermark: z.boolean() });
export const ladderReply = z.object({ ladder: ladderSetting });
export const teacherDownloadReply = teacherDownloadBody;
export const rewrapReply = z.object({
  currentVersion: z.string(),
  scanned: z.number(),
  rewrapped: z.number(),
  unreadable: z.array(z.string()),
  next: z.nullable(z.string()),
  done: z.boolean(),
});
/** POST …/recording/start, …/stop, …/force-stop: the recording as the control left it. */
export const startReply = z.object({
  recording: z.object({ id, status: recordingStatus, egressId: z.optional(z.string()) }),
  estimate,
});
export const stopReply = z.object({ recording: z.object({ id, status: recordingStatus }) });

export const playbackSession = z.object({
  sessionId: id,
  /** The source rung's media playlist. */
  playlistUrl: z.string(),
  /** The multivariant playlist of every rung: what the player loads. */
  multivariantUrl: z.string(),
  /** The lecture's title (its meeting's). */
  title: z.string(),
  /** Viewer name · masked email · session id: issued by the server, drawn over the video. */
  watermark: z.string(),
  expiresAtMs: z.number(),
  /** When this player pauses for a tab switch (the admin's setting). */
  backgroundPause: z._default(backgroundPause, 'hidden'),
});
export const heartbeat = z.object({
  /** The signed segment URLs were re-issued: reload the playlist to pick them up. */
  renewed: z.boolean(),
  expiresAtMs: z.number(),
});

// ── Types ────────────────────────────────────────────────────────────────────────────────────

/** What may be sent for a schema (a reply by the server, a request body by the web app): its input. */
export type Sent<S extends z.core.SomeType> = z.input<S>;

export type Profile = z.infer<typeof profile>;
export type MeetingSummary = z.infer<typeof meetingSummary>;
export type LiveRecording = z.infer<typeof liveRecording>;
export type Participant = z.infer<typeof participant>;
export type MeetingState = z.infer<typeof meetingState>;
export type Estimate = z.infer<typeof estimate>;
export type RecordingSummary = z.infer<typeof recordingSummary>;
export type Viewer = z.infer<typeof viewer>;
export type ViewerStats = z.infer<typeof viewerStats>;
export type LedgerRow = z.infer<typeof ledgerRow>;
export type LibraryPage = z.infer<typeof libraryPage>;
export type LibraryQuery = z.input<typeof libraryQuery>;
export type DetailsBody = z.input<typeof detailsBody>;
export type ConsentBody = z.input<typeof consentBody>;
export type AccessList = z.infer<typeof accessList>;
export type StorageSummary = z.infer<typeof storageSummary>;
export type CostEstimate = StorageSummary['costEstimate'];
export type Alert = z.infer<typeof alert>;
export type AuditEntry = z.infer<typeof auditEntry>;
export type Person = z.infer<typeof person>;
export type AuditCounter = z.infer<typeof auditCounter>;
export type AuditFinding = z.infer<typeof auditFinding>;
export type AuditVerification = z.infer<typeof auditVerification>;
export type AuditVerifyBody = z.input<typeof auditVerifyBody>;
export type PlaybackSession = z.infer<typeof playbackSession>;
export type Heartbeat = z.infer<typeof heartbeat>;
export type StartBody = z.input<typeof startBody>;
export type ExpiryBody = z.input<typeof expiryBody>;
export type EmailBody = z.input<typeof emailBody>;
export type RetentionBody = z.input<typeof retentionBody>;
export type BackgroundPauseBody = z.input<typeof backgroundPauseBody>;
export type ForensicWatermarkBody = z.input<typeof forensicWatermarkBody>;
export type LadderBody = z.input<typeof ladderBody>;
export type HeartbeatBody = z.input<typeof heartbeatBody>;

/** The tracer's answer (POST /api/trace): who a leaked copy came from, or why it cannot say. */
export const TRACE_VERDICTS = ['identified', 'not-enough-footage', 'unknown'] as const;
export const traceSuspect = z.object({
  markId: z.string(),
  kind: z.enum(['playback', 'download']),
  uid: z.string(),
  name: z.string(),
  email: z.string(),
  startedAtMs: z.number(),
  ip: z.optional(z.string()),
  /** Segments whose variant agrees with this codeword, of those read. */
  matched: z.number(),
  of: z.number(),
  /** How likely a codeword not used to make the copy would match this well (a bound, over all candidates). */
  falseMatchChance: z.number(),
});
export const traceReport = z.object({
  verdict: z.enum(TRACE_VERDICTS),
  message: z.string(),
  recordingId: z.optional(z.string()),
  title: z.optional(z.string()),
  clipSeconds: z.number(),
  segmentsRead: z.number(),
  firstSeq: z.optional(z.number()),
  lastSeq: z.optional(z.number()),
  suspects: z.array(traceSuspect),
});
export type TraceReport = z.infer<typeof traceReport>;
