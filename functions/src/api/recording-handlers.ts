// /api/meetings/:meetingId/recording/*: the meeting page's recording controls.
import { z } from 'zod';
import { authenticate, parseBody, type Caller } from './http';
import type { Handler } from './router';
import {
  estimateFor,
  forceStopRecording,
  recordingState,
  startRecording,
  stopRecording,
} from '../services/recording-lifecycle';
import type { Actor } from '../store/audit';

const meetingId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a meeting id');
const hours = z.coerce.number().min(0.1, 'at least 0.1 h').max(24, 'at most 24 h');

const startBody = z.object({
  confirmEmptyRoom: z.boolean().default(false),
  expectedHours: hours.default(1),
});

const actorOf = (caller: Caller): Actor => caller;

export const getState: Handler = async (req, res, params) => {
  const caller = await authenticate(req);
  const state = await recordingState(actorOf(caller), parseBody(meetingId, params.meetingId));
  res.set('Cache-Control', 'no-store').json(state);
};

export const getEstimate: Handler = async (req, res) => {
  await authenticate(req);
  const { hours: h } = parseBody(z.object({ hours }), req.query);
  res.json(await estimateFor(h));
};

export const postStart: Handler = async (req, res, params) => {
  const caller = await authenticate(req);
  const body = parseBody(startBody, req.body);
  res.status(201).json(await startRecording(actorOf(caller), parseBody(meetingId, params.meetingId), body));
};

export const postStop: Handler = async (req, res, params) => {
  const caller = await authenticate(req);
  res.json(await stopRecording(actorOf(caller), parseBody(meetingId, params.meetingId)));
};

export const postForceStop: Handler = async (req, res, params) => {
  const caller = await authenticate(req);
  res.json(await forceStopRecording(actorOf(caller), parseBody(meetingId, params.meetingId)));
};
