// /api/meetings/:meetingId/recording/*: the meeting page's recording controls.
import { z } from 'zod';
import { authenticate, idParam, parseBody, type Sent } from './http';
import type { Caller, RequestCaller } from '../domain/access/caller';
import type { Handler } from './router';
import {
  estimateFor,
  forceStopRecording,
  recordingState,
  startRecording,
  stopRecording,
} from '../services/recording/recording-lifecycle';
import * as wire from './wire-schemas';

const actorOf = (caller: RequestCaller): Caller => caller;

export const getState: Handler = async (req, res, params) => {
  const caller = await authenticate(req);
  const state = await recordingState(actorOf(caller), parseBody(idParam, params.meetingId));
  res.set('Cache-Control', 'no-store').json(state satisfies Sent<typeof wire.meetingState>);
};

export const getEstimate: Handler = async (req, res) => {
  const caller = await authenticate(req);
  const { hours: h } = parseBody(z.object({ hours: wire.hours }), req.query);
  res.json((await estimateFor(actorOf(caller), h)) satisfies Sent<typeof wire.estimate>);
};

export const postStart: Handler = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const body = parseBody(wire.startBody, req.body);
  res.status(201).json(await startRecording(actorOf(caller), parseBody(idParam, params.meetingId), body));
};

export const postStop: Handler = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  res.json(await stopRecording(actorOf(caller), parseBody(idParam, params.meetingId)));
};

export const postForceStop: Handler = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  res.json(await forceStopRecording(actorOf(caller), parseBody(idParam, params.meetingId)));
};
