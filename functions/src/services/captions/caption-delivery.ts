// Captions to the player, as HLS: each caption track's media playlist (the session's multivariant
// playlist names them: subtitle-renditions.ts) and the track's WebVTT behind a session-bound signed
// URL. Every request is a playback request: the session must be the
// caller's, live and unrevoked, and the access check runs again (a transcript is lecture content).
// The WebVTT's X-TIMESTAMP-MAP pins cue time 0 to the first timestamp of segment 0, measured once
// from the segment itself (decrypted in memory, first 64 KB only).
import { firstPts } from '../../domain/captions/mpegts-start';
import { toWebVtt } from '../../domain/captions/caption-file';
import { subtitleMediaPlaylist } from '../../domain/playback/multivariant';
import { signSubtitle, verifySubtitle } from '../../domain/playback/url-signing';
import { segmentDecipher } from '../../domain/keys/segment-crypto';
import type { PlayCaller } from '../../domain/access/caller';
import { Forbidden, NotFound } from '../../errors';
import { captionTrack, saveSegmentZeroPts, segmentZeroPts } from '../../store/captions';
import { recordingKey } from '../../store/keys';
import type { Recording } from '../../store/recordings';
import { openSegment } from '../../store/segments';
import { acceptedKeys, liveSession, recheck, signingKey } from '../playback/playback';

/** ffmpeg's MPEG-TS muxer starts at 1.4 s: what a segment we cannot read is assumed to start at. */
const FALLBACK_PTS = 126_000;
const PROBE_BYTES = 64 * 1024;

export async function subtitlePlaylistFor(
  sessionId: string,
  track: string,
  caller: PlayCaller,
  nowMs = Date.now(),
): Promise<string> {
  const { session, actor } = await liveSession(sessionId, caller, nowMs);
  const { recording } = await recheck(session, actor, 'playlist', nowMs);
  const doc = await captionTrack(session.recordingId, track);
  if (!doc) throw new NotFound('This recording has no such caption track.');
  const lastCueSeconds = (doc.cues.at(-1)?.endMs ?? 0) / 1000;
  const seconds = Math.max(recording!.storedSeconds ?? recording!.durationSeconds ?? 0, lastCueSeconds);
  const exp = session.expiresAtMs;
  return subtitleMediaPlaylist(
    seconds,
    `cues.vtt?exp=${exp}&sig=${signSubtitle(signingKey(), session.id, track, exp)}`,
  );
}

/** The first timestamp of segment 0, measured and kept on first use. */
async function timestampBase(recording: Recording, nowMs: number): Promise<number> {
  const known = await segmentZeroPts(recording.id);
  if (known !== null) return known;
  const stream =
    (await openSegment(recording.id, 0)) ?? (recording.forensicMark ? await openSegment(recording.id, 0, 'a') : null);
  if (!stream) return FALLBACK_PTS;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= PROBE_BYTES) break;
  }
  stream.destroy();
  const cipher = Buffer.concat(chunks).subarray(0, Math.floor(Math.min(size, PROBE_BYTES) / 16) * 16);
  const decipher = segmentDecipher(await recordingKey(recording.id), 0).setAutoPadding(false);
  const pts = firstPts(Buffer.concat([decipher.update(cipher)]));
  if (pts === null) return FALLBACK_PTS;
  await saveSegmentZeroPts(recording.id, pts, nowMs);
  return pts;
}

export async function subtitleCuesFor(
  sessionId: string,
  track: string,
  query: { exp: number; sig: string },
  caller: PlayCaller,
  nowMs = Date.now(),
): Promise<string> {
  if (!acceptedKeys().some((key) => verifySubtitle(key, sessionId, track, query.exp, query.sig, nowMs)))
    throw new Forbidden('Forbidden.');
  const { session, actor } = await liveSession(sessionId, caller, nowMs);
  const { recording } = await recheck(session, actor, 'captions', nowMs);
  const doc = await captionTrack(session.recordingId, track);
  if (!doc) throw new NotFound('This recording has no such caption track.');
  return toWebVtt(doc.cues, { mpegts: await timestampBase(recording!, nowMs) });
}
