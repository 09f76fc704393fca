// Watching a recording: open a playback session (live access check, rate limited, at most N going
// per account, watermark text issued by the server), then the multivariant playlist and one media
// playlist per rung of the ladder (docs/adaptive-ladder.md), each with session-bound signed URLs, the key (rate limited, audited), the encrypted segments (of a marked recording, each from
// the variant the session's codeword picks: docs/forensic-watermark.md) and the heartbeat.
// Opening, the playlist, the key and the heartbeat re-run the access check against live Firestore
// data. A segment request does not: it checks the URL's signature and expiry and reads its session
// (the caller's own, not revoked, not ended). That is enough because every access change (revoke,
// grant removed, batch removal, expiry, role, deletion) revokes the open sessions it affects at once
// (triggers/access-changed.ts), so a revoked or removed viewer is refused on the next request of
// either kind, and a segment costs one read instead of the check's batched reads.
import { Readable } from 'node:stream';
import { receiptKey, signReceipt, verifyReceipt } from '../../domain/playback/delivery-receipts';
import { asEventPlaylist, renderPlaylist, rungTemplate, SEGMENT_SECONDS } from '../../domain/playback/playlist';
import { AUDIO_RUNG, isRungName, playbackOrder, type RungName, type RungSummary } from '../../domain/playback/ladder';
import { multivariantPlaylist, type MultivariantVariant } from '../../domain/playback/multivariant';
import { getMultivariant, getPlaylist, pathOf } from '@lecturevault/contract';
import { subtitleRenditions } from '../captions/subtitle-renditions';
import {
  signCookie,
  signSegment,
  URL_LIFETIME_MS,
  urlSigningKey,
  verifyCookie,
  verifySegment,
} from '../../domain/playback/url-signing';
import { newCodewordSeed, variantOf as codewordVariant } from '../../domain/forensic/forensic-mark';
import { lectureSeconds, lectureTitle } from '../../domain/recording/lecture-identity';
import { schoolTimeZone } from '../../params';
import { anonymousCaller, maskEmail, type Caller, type PlayCaller } from '../../domain/access/caller';
import { Forbidden, NotFound, RateLimited, Unauthenticated } from '../../errors';
import { assertAccountLive } from '../../store/auth';
import { writeAudit } from '../../store/audit-writer';
import { createMark } from '../../store/forensic-marks';
import { kekRing, recordingKey } from '../../store/keys';
import { openSegment } from '../../store/segments';
import { takeKeyToken } from '../../store/rate-limits';
import { createSession, getSession, updateSession, type SessionDoc } from '../../store/sessions';
import { creditViewing } from '../../store/viewing';
import { playbackLadder } from '../ingest/playlists';
import { capConcurrentSessions, limitRate } from './session-control';
import { decide, PlaybackRefused } from '../access/viewer-decision';

export const KEY_WINDOW_MS = 30_000;
/** A session closer than this to its end is renewed by the heartbeat (fresh URLs, new expiry). */
export const RENEW_BEFORE_MS = 15 * 60_000;

// Signed under the current KEK version and accepted under every version the ring still holds, so
// a KEK rotation does not cut the sessions that are open while it happens.
export const signingKey = () => urlSigningKey(kekRing().keks[0]!);
export const acceptedKeys = () => kekRing().keks.map(urlSigningKey);
const receiptSigningKey = () => receiptKey(kekRing().keks[0]!);
const acceptedReceiptKeys = () => kekRing().keks.map(receiptKey);

export async function openSession(actor: Caller, recordingId: string, nowMs = Date.now()) {
  const { user, decision, meeting, recording, settings } = await decide(actor, recordingId, nowMs);
  if (!decision.allow) {
    await writeAudit(actor, { action: 'watch', outcome: 'denied', recordingId, reason: decision.why }, nowMs);
    throw new PlaybackRefused(decision.why);
  }
  await limitRate('open-session', actor, recordingId, nowMs);
  // The seed rides in the session doc, so delivery reads it with the session (no extra read).
  const codewordSeed = recording!.forensicMark ? newCodewordSeed() : undefined;
  const session = await createSession({
    uid: actor.uid,
    email: user!.email.toLowerCase(),
    recordingId,
    meetingId: recording!.meetingId,
    createdAtMs: nowMs,
    expiresAtMs: nowMs + URL_LIFETIME_MS,
    lastHeartbeatMs: nowMs,
    ...(codewordSeed ? { codewordSeed } : {}),
  });
  // Recorded before the session's id leaves: a session whose mark failed is never handed out.
  if (codewordSeed) {
    await createMark({
      markId: session.id,
      recordingId,
      kind: 'playback',
      uid: actor.uid,
      email: session.email,
      name: user!.name,
      createdAtMs: nowMs,
      ip: actor.ip,
      codewordSeed,
    });
  }
  const ended = await capConcurrentSessions(actor.uid, settings.maxConcurrentSessions, nowMs);
  await writeAudit(
    actor,
    {
      action: 'watch',
      outcome: 'ok',
      recordingId,
      reason: `via ${decision.via}; session ${session.id.slice(0, 6)}${ended ? `; ${ended} older session(s) ended` : ''}`,
    },
    nowMs,
  );
  return {
    sessionId: session.id,
    playlistUrl: pathOf(getPlaylist, { sessionId: session.id }),
    multivariantUrl: pathOf(getMultivariant, { sessionId: session.id }),
    title: lectureTitle(recording!, meeting?.title ?? recordingId, schoolTimeZone()),
    expiresAtMs: session.expiresAtMs,
    watermark: `${user!.name} · ${maskEmail(user!.email)} · ${session.id.slice(0, 6)}`,
    backgroundPause: settings.backgroundPause,
    cookie: signCookie(signingKey(), session.id, actor.uid, session.expiresAtMs),
  };
}

export async function liveSession(
  sessionId: string,
  caller: PlayCaller,
  nowMs: number,
): Promise<{ session: SessionDoc; actor: Caller }> {
  let uid = caller.token?.uid;
  if (!uid && caller.cookie) {
    const bound = acceptedKeys()
      .map((key) => verifyCookie(key, caller.cookie!, nowMs))
      .find(Boolean);
    if (bound && bound.sessionId === sessionId) uid = bound.uid;
  }
  if (!uid) throw new Unauthenticated('Sign in to watch.');
  const actor: Caller = { uid, email: caller.token?.email, ip: caller.ip, userAgent: caller.userAgent };
  const session = await getSession(sessionId);
  if (!session || session.uid !== actor.uid) throw new PlaybackRefused('no-access');
  if (session.revokedAtMs) throw new PlaybackRefused(session.revokeReason ?? 'revoked');
  if (nowMs >= session.expiresAtMs)
    throw new Forbidden('This playback session ended. Reload to continue.', 'session-ended');
  return { session, actor: { ...actor, email: actor.email ?? session.email } };
}

/** Re-runs the access check for a session; a refusal ends the session for good. */
export async function recheck(session: SessionDoc, actor: Caller, action: string, nowMs: number) {
  const checked = await decide(actor, session.recordingId, nowMs);
  if (!checked.decision.allow) {
    await updateSession(session.id, { revokedAtMs: nowMs, revokeReason: checked.decision.why });
    await writeAudit(
      actor,
      { action, outcome: 'denied', recordingId: session.recordingId, reason: checked.decision.why },
      nowMs,
    );
    throw new PlaybackRefused(checked.decision.why);
  }
  return checked;
}

/** The session's ladder, after the live session and access checks every playlist request runs. */
async function sessionLadder(sessionId: string, caller: PlayCaller, nowMs: number) {
  const { session, actor } = await liveSession(sessionId, caller, nowMs);
  const { recording } = await recheck(session, actor, 'playlist', nowMs);
  const ladder = await playbackLadder(recording!);
  if (!ladder) throw new NotFound('This recording is not ready to play yet.');
  // A session that opened while the lecture recorded was given an EVENT playlist: it stays one.
  const endedAtMs = recording!.endedAtMs;
  const openedLive = endedAtMs !== undefined && session.createdAtMs < endedAtMs;
  return { session, ladder: openedLive ? { ...ladder, template: asEventPlaylist(ladder.template) } : ladder };
}

/**
 * A rung's media playlist with the session's signed URLs. Relative URIs: they resolve against the
 * playlist URL, behind Hosting or not; a lower rung's playlist sits one level down (rungs/). The
 * signature binds the session and the sequence number, not the rung: every rung of a segment is
 * the same lecture time, which the session may watch at any rung.
 */
function renderRung(session: SessionDoc, template: string, rung: RungSummary): string {
  const key = signingKey();
  const exp = session.expiresAtMs;
  const up = rung.name === 'source' ? '' : '../';
  const file = (seq: number) => (rung.name === 'source' ? `${seq}.ts` : `${seq}.${rung.name}.ts`);
  return renderPlaylist(
    rungTemplate(template, rung.absent),
    `${up}key`,
    (seq) => `${up}seg/${file(seq)}?exp=${exp}&sig=${signSegment(key, session.id, seq, exp)}`,
  );
}

/** The source rung's media playlist (what a download and a player without the ladder play). */
export async function playlistFor(sessionId: string, caller: PlayCaller, nowMs = Date.now()): Promise<string> {
  const { session, ladder } = await sessionLadder(sessionId, caller, nowMs);
  return renderRung(session, ladder.template, ladder.rungs[0]!);
}

/** A lower rung's media playlist (`file` = `{rung}.m3u8`); a rung the recording lacks is 404. */
export async function rungPlaylistFor(
  sessionId: string,
  file: string,
  caller: PlayCaller,
  nowMs = Date.now(),
): Promise<string> {
  const name = /^([a-z0-9]{1,8})\.m3u8$/.exec(file)?.[1];
  if (!name || !isRungName(name)) throw new NotFound('No such rung.');
  const { session, ladder } = await sessionLadder(sessionId, caller, nowMs);
  const rung = ladder.rungs.find((r) => r.name === name);
  if (!rung) throw new NotFound('No such rung.');
  return renderRung(session, ladder.template, rung);
}

/**
 * The multivariant playlist: every rung as a variant (audio-only among them), measured from what is
 * stored. `only: 'audio'` lists the audio-only rung alone, subtitle renditions kept: hls.js leaves
 * an audio-only variant out of its levels beside video ones, so this is what the player's "Audio
 * only" loads, and its captions keep coming from the same renditions.
 */
export async function multivariantFor(
  sessionId: string,
  caller: PlayCaller,
  only?: typeof AUDIO_RUNG,
  nowMs = Date.now(),
): Promise<string> {
  const { session, ladder } = await sessionLadder(sessionId, caller, nowMs);
  const rungs = only ? ladder.rungs.filter((r) => r.name === only) : ladder.rungs;
  if (!rungs.length) throw new NotFound('This recording has no audio-only rung.');
  return multivariantPlaylist(playbackOrder(rungs).map(variantOf), await subtitleRenditions(session.recordingId));
}

function variantOf(rung: RungSummary): MultivariantVariant {
  return {
    uri: rung.name === 'source' ? 'playlist.m3u8' : `rungs/${rung.name}.m3u8`,
    bandwidth: rung.peakBps,
    averageBandwidth: rung.averageBps,
    ...(rung.width && rung.height ? { resolution: { width: rung.width, height: rung.height } } : {}),
    ...(rung.codecs?.length ? { codecs: rung.codecs } : {}),
    ...(rung.fps && rung.name !== AUDIO_RUNG ? { frameRate: rung.fps } : {}),
  };
}

/**
 * The key's caller as liveSession finds it; a cookie (native HLS) carries no ID token whose
 * revocation the edge could check, so Auth is asked about the account itself: disabled, or signed
 * out everywhere since the session opened, is cut here as a revoked token is at the edge.
 */
async function liveKeySession(sessionId: string, caller: PlayCaller, nowMs: number) {
  const live = await liveSession(sessionId, caller, nowMs);
  if (!caller.token) await assertAccountLive(live.actor.uid, live.session.createdAtMs);
  return live;
}

export async function keyFor(sessionId: string, caller: PlayCaller, nowMs = Date.now()): Promise<Buffer> {
  const { session, actor } = await liveKeySession(sessionId, caller, nowMs).catch(
    async (error: Error & { code?: string }) => {
      // Every key request is audited, refusals before the session is known included (counted
      // per network when no identity came with them: see store/audit-writer.ts).
      const client = { ip: caller.ip, userAgent: caller.userAgent };
      const who: Caller = caller.token
        ? { uid: caller.token.uid, email: caller.token.email, ...client }
        : anonymousCaller(client);
      await writeAudit(
        who,
        { action: 'key', outcome: 'denied', reason: `${error.code ?? 'error'} (session ${sessionId.slice(0, 6)})` },
        nowMs,
      );
      throw error;
    },
  );
  await recheck(session, actor, 'key', nowMs);
  // The key is read beside the limit's check: it leaves only if the limit lets it, and the viewer
  // waits for one round trip instead of two.
  const [token, key] = await Promise.all([
    takeKeyToken(actor.uid, session.recordingId, KEY_WINDOW_MS, nowMs),
    recordingKey(session.recordingId),
  ]);
  if (!token.ok) {
    await writeAudit(
      actor,
      { action: 'key', outcome: 'refused', recordingId: session.recordingId, reason: 'rate-limited' },
      nowMs,
    );
    throw new RateLimited(Math.ceil(token.retryAfterMs / 1000));
  }
  await writeAudit(actor, { action: 'key', outcome: 'ok', recordingId: session.recordingId }, nowMs);
  return key;
}

/**
 * The encrypted segment behind a signed URL, streamed, with its delivery receipt (the player hands
 * it back with the next heartbeat: services/playback/playback.ts credits watched time from receipts only).
 * Any failure is the same bare 403.
 */
export async function segmentFor(
  sessionId: string,
  seq: number,
  query: { exp: number; sig: string },
  caller: PlayCaller,
  nowMs = Date.now(),
  rung?: RungName,
): Promise<{ stream: Readable; receipt: string }> {
  if (
    !Number.isSafeInteger(seq) ||
    !acceptedKeys().some((key) => verifySegment(key, sessionId, seq, query.exp, query.sig, nowMs))
  )
    throw new Forbidden('Forbidden.');
  const { session } = await liveSession(sessionId, caller, nowMs).catch(() => {
    throw new Forbidden('Forbidden.');
  });
  // The same URL for either variant: only the session's codeword, kept server-side, tells which.
  // The audio-only rung is one object (it carries no picture to mark).
  const variant = session.codewordSeed && rung !== AUDIO_RUNG ? codewordVariant(session.codewordSeed, seq) : undefined;
  const stream = await openSegment(session.recordingId, seq, variant, rung);
  if (!stream) throw new Forbidden('Forbidden.');
  return { stream, receipt: signReceipt(receiptSigningKey(), session.id, seq) };
}

/**
 * Credits the segments whose receipts came with a heartbeat: only receipts this session was given,
 * each segment once per viewer, and no faster than real time across all the viewer's sessions of
 * the recording (store/viewing.ts decides it in one transaction).
 */
async function creditDelivered(
  session: SessionDoc,
  recording: { meetingId: string; storedSeconds?: number; durationSeconds?: number },
  receipts: readonly string[],
  positionSeconds: number,
  nowMs: number,
): Promise<void> {
  const keys = acceptedReceiptKeys();
  const delivered = receipts
    .map((receipt) => verifyReceipt(keys, session.id, receipt))
    .filter((seq): seq is number => seq !== null);
  if (!delivered.length) return;
  await creditViewing({
    recordingId: session.recordingId,
    meetingId: recording.meetingId,
    uid: session.uid,
    sessionId: session.id,
    delivered,
    sessionCreatedAtMs: session.createdAtMs,
    positionSeconds,
    segmentSeconds: SEGMENT_SECONDS,
    durationSeconds: lectureSeconds(recording),
    nowMs,
  });
}

export async function heartbeat(
  sessionId: string,
  caller: PlayCaller,
  beat: { positionSeconds: number; delivered?: readonly string[] },
  nowMs = Date.now(),
) {
  const { session, actor } = await liveSession(sessionId, caller, nowMs);
  const { recording } = await recheck(session, actor, 'heartbeat', nowMs);
  await creditDelivered(session, recording!, beat.delivered ?? [], beat.positionSeconds, nowMs);
  const renew = session.expiresAtMs - nowMs < RENEW_BEFORE_MS;
  const expiresAtMs = renew ? nowMs + URL_LIFETIME_MS : session.expiresAtMs;
  await updateSession(session.id, {
    lastHeartbeatMs: nowMs,
    positionSeconds: beat.positionSeconds,
    expiresAtMs,
  });
  return { renewed: renew, expiresAtMs, cookie: signCookie(signingKey(), session.id, actor.uid, expiresAtMs) };
}
