// /api/recordings/:recordingId (delete, expiry) and /api/settings/retention: admin only.
import { z } from 'zod';
import { RETENTION_CHOICES, type RetentionDays } from '../domain/retention';
import { deleteRecording, setRecordingExpiry, setRetentionDays } from '../services/admin-recordings';
import { authenticate, parseBody } from './http';
import type { Handler } from './router';

const recordingId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a recording id');
const expiryBody = z.object({ expiresAtMs: z.number().int().positive().nullable() });
const retentionBody = z.object({
  days: z.number().refine((d): d is RetentionDays => (RETENTION_CHOICES as readonly number[]).includes(d), 'must be 30, 60 or 90'),
});

export const deleteRecordingHandler: Handler = async (req, res, params) => {
  const caller = await authenticate(req);
  await deleteRecording(caller, parseBody(recordingId, params.recordingId));
  res.status(204).end();
};

export const putExpiry: Handler = async (req, res, params) => {
  const caller = await authenticate(req);
  const { expiresAtMs } = parseBody(expiryBody, req.body);
  await setRecordingExpiry(caller, parseBody(recordingId, params.recordingId), expiresAtMs);
  res.json({ expiresAtMs });
};

export const putRetention: Handler = async (req, res) => {
  const caller = await authenticate(req);
  const { days } = parseBody(retentionBody, req.body);
  await setRetentionDays(caller, days as RetentionDays);
  res.json({ retentionDays: days });
};
