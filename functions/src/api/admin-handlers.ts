// /api/recordings/:recordingId (delete, expiry) and /api/settings/retention: admin only.
import { z } from 'zod';
import type { RetentionDays } from '../domain/retention';
import { deleteRecording, setRecordingExpiry, setRetentionDays } from '../services/admin-recordings';
import { authenticate, parseBody } from './http';
import type { Handler } from './router';
import * as wire from './wire-schemas';

const recordingId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a recording id');

export const deleteRecordingHandler: Handler = async (req, res, params) => {
  const caller = await authenticate(req);
  await deleteRecording(caller, parseBody(recordingId, params.recordingId));
  res.status(204).end();
};

export const putExpiry: Handler = async (req, res, params) => {
  const caller = await authenticate(req);
  const { expiresAtMs } = parseBody(wire.expiryBody, req.body);
  await setRecordingExpiry(caller, parseBody(recordingId, params.recordingId), expiresAtMs);
  res.json({ expiresAtMs });
};

export const putRetention: Handler = async (req, res) => {
  const caller = await authenticate(req);
  // Typed as the domain's choices: the wire schema cannot accept a policy the domain does not know.
  const days: RetentionDays = parseBody(wire.retentionBody, req.body).days;
  await setRetentionDays(caller, days);
  res.json({ retentionDays: days });
};
