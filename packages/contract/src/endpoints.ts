// Every route of the API, once: its method, path (under /api), path parameters, query string,
// request body and reply. The functions' routers are built from these (functions/src/api/routes.ts)
// and type each handler's reply from them; the web app's clients call them (hosting/src/api/call.ts),
// so a path is written in this file and nowhere else. A reply or body that is not JSON is named by
// its kind (a poster image, the HLS playlist, key and segments, a download stream, a raw clip).
import type * as z from 'zod/mini';
import * as wire from './schemas';
import * as captions from './captions';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/**
 * A reply that is not a JSON body: none (204), an image (the poster frame), the HLS playlist
 * (text), the AES key and segments (bytes, fetched by the player itself) or a download stream.
 */
export type ReplyKind = 'empty' | 'image' | 'playlist' | 'key' | 'segment' | 'download';
/** A request body that is not JSON: a file's raw bytes (a clip to trace), or a form POST navigation. */
export type BodyKind = 'bytes' | 'form';

/** Any zod schema (the wire's are zod/mini; the server's classic zod parses them alike). */
export type Schema = z.core.$ZodType;

export interface EndpointShape {
  readonly query?: Schema;
  readonly body?: Schema | BodyKind;
  readonly reply: Schema | ReplyKind;
}

/** The names of a path's `:parameters` (any name, for a path not known at compile time). */
export type PathParam<P extends string> = string extends P
  ? string
  : P extends `${string}:${infer K}/${infer Rest}`
    ? K | PathParam<`/${Rest}`>
    : P extends `${string}:${infer K}`
      ? K
      : never;

export type Endpoint<M extends Method = Method, P extends string = string, S extends EndpointShape = EndpointShape> = {
  readonly method: M;
  /** Under /api (the Hosting rewrite keeps that prefix; the routers strip it). */
  readonly path: P;
  readonly params: readonly PathParam<P>[];
} & S;

/** An endpoint's path parameters, by name. */
export type ParamsOf<E extends Endpoint> = Readonly<Record<PathParam<E['path']>, string>>;
/** What a client may send as the query string (undefined: the route takes none). */
export type QueryOf<E extends Endpoint> = E['query'] extends Schema ? z.input<E['query']> : undefined;
/** The query string as the server reads it (defaults applied). */
export type ParsedQueryOf<E extends Endpoint> = E['query'] extends Schema ? z.output<E['query']> : undefined;
/** The JSON body a client sends (undefined when the route takes none or takes a non-JSON one). */
export type BodyOf<E extends Endpoint> = E['body'] extends Schema ? z.input<E['body']> : undefined;
/** The reply as the client reads it (parsed by the schema). */
export type ReplyOf<E extends Endpoint> = E['reply'] extends Schema ? z.output<E['reply']> : never;
/**
 * What the server may send as the reply: a JSON schema's input, the playlist's text, the key's
 * bytes; nothing for an empty reply; a stream or image is the handler's own (unknown).
 */
export type SentReplyOf<E extends Endpoint> = E['reply'] extends Schema
  ? z.input<E['reply']>
  : E['reply'] extends 'playlist'
    ? string
    : E['reply'] extends 'key'
      ? Uint8Array
      : E['reply'] extends 'empty'
        ? never
        : unknown;

/** The endpoint's URL path (under /api) with its params filled in, each percent-encoded. */
export function pathOf<E extends Endpoint>(endpoint: E, params: ParamsOf<E>): string {
  const values = params as Readonly<Record<string, string>>;
  return `/api${endpoint.path.replace(/:(\w+)/g, (_match, key: string) => encodeURIComponent(values[key] ?? ''))}`;
}

function endpoint<const M extends Method, const P extends `/${string}`, const S extends EndpointShape>(
  method: M,
  path: P,
  shape: S,
): Endpoint<M, P, S> {
  const params = [...path.matchAll(/:(\w+)/g)].map((match) => match[1]) as PathParam<P>[];
  return { method, path, params, ...shape };
}

// ── The `api` function (Hosting rewrites /api/** to it) ──────────────────────────────────────

export const getHealth = endpoint('GET', '/health', { reply: wire.health });

export const getMe = endpoint('GET', '/me', { reply: wire.profile });
/**
 * A school account's sign-in (Google, Microsoft; its ID token) in, a custom token for the users/
 * account with the same verified email out; 403 when there is none (signing in enrols nobody).
 */
export const postSchoolSession = endpoint('POST', '/auth/school-session', { reply: wire.feedToken });
export const putMail = endpoint('PUT', '/me/mail', { body: wire.mailBody, reply: wire.mailBody });

export const getMeetings = endpoint('GET', '/meetings', { reply: wire.meetingList });
export const getRecordingEstimate = endpoint('GET', '/recording-estimate', {
  query: wire.estimateQuery,
  reply: wire.estimate,
});
export const getRecordingState = endpoint('GET', '/meetings/:meetingId/recording', { reply: wire.meetingState });
export const postStart = endpoint('POST', '/meetings/:meetingId/recording/start', {
  body: wire.startBody,
  reply: wire.startReply,
});
export const postStop = endpoint('POST', '/meetings/:meetingId/recording/stop', { reply: wire.stopReply });
export const postForceStop = endpoint('POST', '/meetings/:meetingId/recording/force-stop', { reply: wire.stopReply });
export const postConsent = endpoint('POST', '/meetings/:meetingId/recording/consent', {
  body: wire.consentBody,
  reply: 'empty',
});
/** The recording widget's ticket to follow recordingStates/ itself: the caller's ID token in, a custom token out. */
export const postFeedToken = endpoint('POST', '/embed/feed-token', { reply: wire.feedToken });
export const putTeacherDownload = endpoint('PUT', '/meetings/:meetingId/teacher-download', {
  body: wire.teacherDownloadBody,
  reply: wire.teacherDownloadReply,
});

export const getAlerts = endpoint('GET', '/alerts', { query: wire.alertsQuery, reply: wire.alertInbox });
export const postAlertRead = endpoint('POST', '/alerts/:alertId/read', { reply: 'empty' });

/**
 * A student's "Request access": always 202 with the same body, whether the recording exists, is
 * theirs already or not (docs/access-requests.md); the admins get an alert when there is one to act on.
 */
export const postAccessRequest = endpoint('POST', '/access-requests', {
  body: wire.accessRequestBody,
  reply: wire.accessRequestReply,
});

export const getRecordings = endpoint('GET', '/recordings', { reply: wire.recordingList });
export const getLibrary = endpoint('GET', '/library', { query: wire.libraryQuery, reply: wire.libraryPage });
export const deleteRecording = endpoint('DELETE', '/recordings/:recordingId', { reply: 'empty' });
export const putExpiry = endpoint('PUT', '/recordings/:recordingId/expiry', {
  body: wire.expiryBody,
  reply: wire.expiryReply,
});
export const putDetails = endpoint('PUT', '/recordings/:recordingId/details', {
  body: wire.detailsBody,
  reply: 'empty',
});
export const getPoster = endpoint('GET', '/recordings/:recordingId/poster', { reply: 'image' });
export const getAccess = endpoint('GET', '/recordings/:recordingId/access', { reply: wire.accessList });
export const postGrant = endpoint('POST', '/recordings/:recordingId/grants', {
  body: wire.emailBody,
  reply: wire.grantReply,
});
export const deleteGrant = endpoint('DELETE', '/recordings/:recordingId/grants/:email', { reply: 'empty' });
export const postRevocation = endpoint('POST', '/recordings/:recordingId/revocations', {
  body: wire.emailBody,
  reply: wire.revocation,
});
export const getViewers = endpoint('GET', '/recordings/:recordingId/viewers', { reply: wire.viewerList });
export const getConsent = endpoint('GET', '/recordings/:recordingId/consent', { reply: wire.consentLedger });
export const getDownload = endpoint('GET', '/recordings/:recordingId/download', { reply: 'download' });
export const postDownloadLink = endpoint('POST', '/recordings/:recordingId/download-links', {
  body: wire.downloadLinkBody,
  reply: wire.downloadLink,
});

export const putMember = endpoint('PUT', '/batches/:batchId/members/:uid', { reply: 'empty' });
export const deleteMember = endpoint('DELETE', '/batches/:batchId/members/:uid', { reply: 'empty' });

export const getStorage = endpoint('GET', '/storage', { reply: wire.storageSummary });
export const putRetention = endpoint('PUT', '/settings/retention', {
  body: wire.retentionBody,
  reply: wire.retentionReply,
});
export const putBackgroundPause = endpoint('PUT', '/settings/background-pause', {
  body: wire.backgroundPauseBody,
  reply: wire.backgroundPauseReply,
});
export const putForensicWatermark = endpoint('PUT', '/settings/forensic-watermark', {
  body: wire.forensicWatermarkBody,
  reply: wire.forensicWatermarkReply,
});
export const putLadder = endpoint('PUT', '/settings/ladder', { body: wire.ladderBody, reply: wire.ladderReply });
export const putSpeechBatch = endpoint('PUT', '/settings/speech-batch', {
  body: captions.speechBatchBody,
  reply: captions.speechBatchReply,
});
/** A course's phrase list as stored (admins and the meeting's teacher, as for the PUT). */
export const getSpeechPhrases = endpoint('GET', '/meetings/:meetingId/speech-phrases', {
  reply: captions.speechPhrasesReply,
});
export const putSpeechPhrases = endpoint('PUT', '/meetings/:meetingId/speech-phrases', {
  body: captions.speechPhrasesBody,
  reply: captions.speechPhrasesReply,
});
export const postKekRewrap = endpoint('POST', '/admin/kek/rewrap', { body: wire.rewrapBody, reply: wire.rewrapReply });

/** Every users/ entry (uid, name, email, role) by name, for the console's people pickers. Admins only. */
export const getPeople = endpoint('GET', '/people', { reply: wire.people });
export const getAudit = endpoint('GET', '/audit', { query: wire.auditQuery, reply: wire.auditPage });
export const getAuditCounters = endpoint('GET', '/audit/counters', { reply: wire.auditCounters });
export const postAuditVerify = endpoint('POST', '/audit/verify', {
  body: wire.auditVerifyBody,
  reply: wire.auditVerification,
});

export const postSession = endpoint('POST', '/recordings/:recordingId/sessions', { reply: wire.playbackSession });
/** The multivariant playlist (every rung of the ladder, or with `only=audio` the audio-only rung): what a player loads. */
export const getMultivariant = endpoint('GET', '/play/:sessionId/multivariant.m3u8', {
  query: wire.multivariantQuery,
  reply: 'playlist',
});
/** The source rung's media playlist. */
export const getPlaylist = endpoint('GET', '/play/:sessionId/playlist.m3u8', { reply: 'playlist' });
/** A lower rung's media playlist: `:file` is `{rung}.m3u8` (r360.m3u8, audio.m3u8). */
export const getRungPlaylist = endpoint('GET', '/play/:sessionId/rungs/:file', { reply: 'playlist' });
export const getKey = endpoint('GET', '/play/:sessionId/key', { reply: 'key' });
export const getSegment = endpoint('GET', '/play/:sessionId/seg/:file', { query: wire.segmentQuery, reply: 'segment' });
export const postHeartbeat = endpoint('POST', '/play/:sessionId/heartbeat', {
  body: wire.heartbeatBody,
  reply: wire.heartbeat,
});

// Captions and transcripts (docs/captions.md): a track is `en` (captions) or `en_descriptions`.
export const getCaptions = endpoint('GET', '/recordings/:recordingId/captions', { reply: captions.captionTrackList });
export const getCaptionTrack = endpoint('GET', '/recordings/:recordingId/captions/:track', {
  reply: captions.captionTrack,
});
/** The transcript as a .txt or .vtt file, for those the download rules allow (403 for everyone else). */
export const getTranscriptFile = endpoint('GET', '/recordings/:recordingId/captions/:track/transcript', {
  query: captions.transcriptFileQuery,
  reply: captions.transcriptFile,
});
export const postCaptions = endpoint('POST', '/recordings/:recordingId/captions', {
  body: captions.captionUploadBody,
  reply: captions.captionTrackInfo,
});
export const putCaptionTrack = endpoint('PUT', '/recordings/:recordingId/captions/:track', {
  body: captions.captionEditBody,
  reply: captions.captionTrackInfo,
});
export const getTranscripts = endpoint('GET', '/transcripts', {
  query: captions.transcriptQuery,
  reply: captions.transcriptResults,
});
export const getSubtitlePlaylist = endpoint('GET', '/play/:sessionId/subs/:track/playlist.m3u8', { reply: 'playlist' });
/** A track's WebVTT, behind a session-bound signed URL as a segment is. */
export const getSubtitleCues = endpoint('GET', '/play/:sessionId/subs/:track/cues.vtt', {
  query: wire.segmentQuery,
  reply: 'playlist',
});

// ── The `downloads` function (Hosting rewrites /api/downloads/** to it: long streams, own timeout) ──

/** A form POST navigation carrying the ID token that minted the ticket (`idToken`): the browser saves the stream. */
export const postTicketDownload = endpoint('POST', '/downloads/:ticket', { body: 'form', reply: 'download' });

// ── The `tracer` function (Hosting rewrites /api/trace to it: a trace needs memory and minutes) ──

/** The raw bytes of a leaked clip in (its own video type or octet-stream), the tracer's report out. */
export const postTrace = endpoint('POST', '/trace', { query: wire.traceQuery, body: 'bytes', reply: wire.traceReport });
