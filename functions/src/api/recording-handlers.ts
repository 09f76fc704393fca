// /api/meetings/:meetingId/recording/*: the meeting page's recording controls.
import { authenticate, idParam, parseBody } from './http';
import type { Handler } from './router';
import {
  estimateFor,
  forceStopRecording,
  recordingState,
  startRecording,
  stopRecording,
} from '../services/recording/recording-lifecycle';
import * as wire from '@lecturevault/contract';

export const getState: Handler<typeof wire.getRecordingState> = async (req, res, params) => {
  const caller = await authenticate(req);
  const state = await recordingState(caller, parseBody(idParam, params.meetingId));
  res.set('Cache-Control', 'no-store').json(state);
};

export const getEstimate: Handler<typeof wire.getRecordingEstimate> = async (req, res) => {
  const caller = await authenticate(req);
  const { hours: h } = parseBody(wire.getRecordingEstimate.query, req.query);
  res.json(await estimateFor(caller, h));
};

export const postStart: Handler<typeof wire.postStart> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const body = parseBody(wire.startBody, req.body);
  res.status(201).json(await startRecording(caller, parseBody(idParam, params.meetingId), body));
};

export const postStop: Handler<typeof wire.postStop> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  res.json(await stopRecording(caller, parseBody(idParam, params.meetingId)));
};

export const postForceStop: Handler<typeof wire.postForceStop> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  res.json(await forceStopRecording(caller, parseBody(idParam, params.meetingId)));
};
