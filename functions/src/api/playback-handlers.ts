// Watching: open a session, then the playlist, key, segments and heartbeat under /api/play/:sessionId;
// and a recording's poster frame (GET /api/recordings/:id/poster), to a viewer playback would admit.
import { z } from 'zod';
import { Forbidden } from '../errors';
import {
  heartbeat,
  keyFor,
  multivariantFor,
  openSession,
  playlistFor,
  rungPlaylistFor,
  segmentFor,
} from '../services/playback/playback';
import { isRungName } from '../domain/playback/ladder';
import { authenticate, idParam, parseBody, PLAYBACK_COOKIE, playCaller } from './http';
import type { Response } from 'express';
import type { Handler } from './router';
import * as wire from '@lecturevault/contract';
import { posterFor } from '../services/playback/posters';

/**
 * The playback cookie, for native HLS players (iOS before ManagedMediaSource), which cannot send an
 * Authorization header. Hosting strips Set-Cookie from any answer not marked `private`, so an answer
 * that sets it is `private, no-store`.
 */
function setPlaybackCookie(res: Response, cookie: string, expiresAtMs: number): void {
  res.cookie(PLAYBACK_COOKIE, cookie, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: '/api/play/',
    maxAge: expiresAtMs - Date.now(),
  });
  res.set('Cache-Control', 'private, no-store');
}

export const postSession: Handler<typeof wire.postSession> = async (req, res, params) => {
  const caller = await authenticate(req);
  const { cookie, ...session } = await openSession(caller, parseBody(idParam, params.recordingId));
  setPlaybackCookie(res, cookie, session.expiresAtMs);
  res.status(201).json(session);
};

const sendPlaylist = (res: Response, text: string) =>
  res.status(200).set({ 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'no-store' }).send(text);

export const getMultivariant: Handler<typeof wire.getMultivariant> = async (req, res, params) => {
  const { only } = parseBody(wire.getMultivariant.query, req.query);
  sendPlaylist(res, await multivariantFor(parseBody(idParam, params.sessionId), await playCaller(req), only));
};

export const getPlaylist: Handler<typeof wire.getPlaylist> = async (req, res, params) => {
  sendPlaylist(res, await playlistFor(parseBody(idParam, params.sessionId), await playCaller(req)));
};

export const getRungPlaylist: Handler<typeof wire.getRungPlaylist> = async (req, res, params) => {
  sendPlaylist(res, await rungPlaylistFor(parseBody(idParam, params.sessionId), params.file, await playCaller(req)));
};

export const getKey: Handler<typeof wire.getKey> = async (req, res, params) => {
  const key = await keyFor(parseBody(idParam, params.sessionId), await playCaller(req, 'revocation'));
  res.status(200).set({ 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' }).send(key);
};

export const getSegment: Handler<typeof wire.getSegment> = async (req, res, params) => {
  // {seq}.ts (the source rung) or {seq}.{rung}.ts (a lower rung, audio-only).
  const [, seq, rung] = /^(\d{1,6})(?:\.([a-z0-9]{1,8}))?\.ts$/.exec(params.file) ?? [];
  const query = z.safeParse(wire.getSegment.query, req.query);
  if (!seq || !query.success || (rung !== undefined && !isRungName(rung))) throw new Forbidden('Forbidden.');
  const { stream, receipt } = await segmentFor(
    parseBody(idParam, params.sessionId),
    Number(seq),
    query.data,
    await playCaller(req),
    Date.now(),
    rung,
  );
  res.status(200).set({
    'Content-Type': 'video/mp2t',
    'Cache-Control': 'private, max-age=3600',
    [wire.DELIVERY_RECEIPT_HEADER]: receipt,
  });
  stream.on('error', () => res.destroy()).pipe(res);
};

export const postHeartbeat: Handler<typeof wire.postHeartbeat> = async (req, res, params) => {
  const body = parseBody(wire.heartbeatBody, req.body);
  const { cookie, ...beat } = await heartbeat(parseBody(idParam, params.sessionId), await playCaller(req), body);
  // The cookie follows the session's expiry: a renewed session would otherwise outlive its cookie
  // and native playback would stop when the first one ran out.
  setPlaybackCookie(res, cookie, beat.expiresAtMs);
  res.json(beat);
};

/**
 * The poster as image bytes. `private`: a shared cache (Hosting's CDN) must never keep it;
 * `no-cache`: the browser may keep it but must ask again (and pass the access check) before it
 * shows it again, so a revoked viewer is refused at the next look (with max-age=300 it went on
 * showing for 5 minutes, issue 26). A poster is a few KB, and the web app fetches each card's once.
 */
export const getPoster: Handler<typeof wire.getPoster> = async (req, res, params) => {
  const poster = await posterFor(await authenticate(req), parseBody(idParam, params.recordingId));
  res
    .status(200)
    .set({
      'Content-Type': poster.type,
      'Cache-Control': 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
    })
    .send(poster.bytes);
};
