// Captions: a recording's tracks (read, upload, edit), the transcript search, the HLS subtitle
// delivery under /api/play/:sessionId (a track's subtitle playlist and WebVTT), and the
// machine captions' two settings (the batch mode: admin; a meeting's phrases: admin or its teacher).
import { z } from 'zod';
import * as wire from '@lecturevault/contract';
import { Forbidden } from '../errors';
import { editTrack, listTracks, readTrack, uploadTrack } from '../services/captions/caption-tracks';
import { coursePhrases, setCoursePhrases, setSpeechBatch } from '../services/captions/caption-settings';
import { subtitleCuesFor, subtitlePlaylistFor } from '../services/captions/caption-delivery';
import { searchTranscripts } from '../services/captions/transcript-search';
import { transcriptDownload } from '../services/captions/transcript-download';
import { authenticate, idParam, parseBody, playCaller } from './http';
import type { Handler } from './router';

const PLAYLIST_HEADERS = { 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'no-store' };

export const getCaptions: Handler<typeof wire.getCaptions> = async (req, res, params) => {
  const list = await listTracks(await authenticate(req), parseBody(idParam, params.recordingId));
  res.set('Cache-Control', 'private, no-store').json(list);
};

export const getCaptionTrack: Handler<typeof wire.getCaptionTrack> = async (req, res, params) => {
  const track = await readTrack(
    await authenticate(req),
    parseBody(idParam, params.recordingId),
    parseBody(idParam, params.track),
  );
  res.set('Cache-Control', 'private, no-store').json(track);
};

export const getTranscriptFile: Handler<typeof wire.getTranscriptFile> = async (req, res, params) => {
  const { format } = parseBody(wire.transcriptFileQuery, req.query);
  const file = await transcriptDownload(
    await authenticate(req, 'revocation'),
    parseBody(idParam, params.recordingId),
    parseBody(idParam, params.track),
    format,
  );
  res.set('Cache-Control', 'private, no-store').json(file);
};

export const postCaptions: Handler<typeof wire.postCaptions> = async (req, res, params) => {
  const actor = await authenticate(req, 'revocation');
  const recordingId = parseBody(idParam, params.recordingId);
  const info = await uploadTrack(actor, recordingId, parseBody(wire.captionUploadBody, req.body));
  res.status(201).json(info);
};

export const putCaptionTrack: Handler<typeof wire.putCaptionTrack> = async (req, res, params) => {
  const actor = await authenticate(req, 'revocation');
  const info = await editTrack(
    actor,
    parseBody(idParam, params.recordingId),
    parseBody(idParam, params.track),
    parseBody(wire.captionEditBody, req.body),
  );
  res.json(info);
};

export const getTranscripts: Handler<typeof wire.getTranscripts> = async (req, res) => {
  const actor = await authenticate(req);
  const hits = await searchTranscripts(actor, parseBody(wire.transcriptQuery, req.query));
  res.set('Cache-Control', 'private, no-store').json({ hits });
};

export const getSubtitlePlaylist: Handler<typeof wire.getSubtitlePlaylist> = async (req, res, params) => {
  const text = await subtitlePlaylistFor(
    parseBody(idParam, params.sessionId),
    parseBody(idParam, params.track),
    await playCaller(req),
  );
  res.status(200).set(PLAYLIST_HEADERS).send(text);
};

export const getSubtitleCues: Handler<typeof wire.getSubtitleCues> = async (req, res, params) => {
  const query = z.safeParse(wire.getSubtitleCues.query, req.query);
  if (!query.success) throw new Forbidden('Forbidden.');
  const text = await subtitleCuesFor(
    parseBody(idParam, params.sessionId),
    parseBody(idParam, params.track),
    query.data,
    await playCaller(req),
  );
  res.status(200).set({ 'Content-Type': 'text/vtt; charset=utf-8', 'Cache-Control': 'private, no-store' }).send(text);
};

export const putSpeechBatch: Handler<typeof wire.putSpeechBatch> = async (req, res) => {
  const caller = await authenticate(req, 'revocation');
  const { mode } = parseBody(wire.putSpeechBatch.body, req.body);
  await setSpeechBatch(caller, mode);
  res.json({ speechBatch: mode });
};

export const getSpeechPhrases: Handler<typeof wire.getSpeechPhrases> = async (req, res, params) => {
  const phrases = await coursePhrases(await authenticate(req), parseBody(idParam, params.meetingId));
  res.set('Cache-Control', 'private, no-store').json({ phrases });
};

export const putSpeechPhrases: Handler<typeof wire.putSpeechPhrases> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const { phrases } = parseBody(wire.putSpeechPhrases.body, req.body);
  res.json({ phrases: await setCoursePhrases(caller, parseBody(idParam, params.meetingId), phrases) });
};
