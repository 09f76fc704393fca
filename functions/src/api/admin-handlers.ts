// /api/recordings/:recordingId (delete, expiry), /api/settings/retention, /api/settings/background-pause,
// /api/settings/forensic-watermark, /api/admin/kek/rewrap and GET /api/storage (the storage dashboard's
// figures): admin only.
import { z } from 'zod';
import type { RetentionDays } from '../domain/recording/retention';
import {
  deleteRecording,
  setBackgroundPause,
  setForensicWatermark,
  setLadder,
  setRecordingExpiry,
  setRetentionDays,
} from '../services/recording/admin-recordings';
import { rewrapRecordingKeys } from '../services/keys/kek-rotation';
import { authenticate, idParam, parseBody } from './http';
import type { Handler } from './router';
import * as wire from '@lecturevault/contract';
import { requireAdmin } from '../services/access/role-gates';
import { storageSummary } from '../services/storage/storage-usage';

/** Where the previous call stopped, checked as one of our ids (the contract only knows it is a string). */
const rewrapIds = z.object({ after: idParam.nullable().optional() });

export const deleteRecordingHandler: Handler<typeof wire.deleteRecording> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  await deleteRecording(caller, parseBody(idParam, params.recordingId));
  res.status(204).end();
};

export const putExpiry: Handler<typeof wire.putExpiry> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const { expiresAtMs } = parseBody(wire.expiryBody, req.body);
  await setRecordingExpiry(caller, parseBody(idParam, params.recordingId), expiresAtMs);
  res.json({ expiresAtMs });
};

export const putRetention: Handler<typeof wire.putRetention> = async (req, res) => {
  const caller = await authenticate(req, 'revocation');
  // Typed as the domain's choices: the wire schema cannot accept a policy the domain does not know.
  const days: RetentionDays = parseBody(wire.retentionBody, req.body).days;
  await setRetentionDays(caller, days);
  res.json({ retentionDays: days });
};

export const putBackgroundPause: Handler<typeof wire.putBackgroundPause> = async (req, res) => {
  const caller = await authenticate(req, 'revocation');
  const { policy } = parseBody(wire.backgroundPauseBody, req.body);
  await setBackgroundPause(caller, policy);
  res.json({ backgroundPause: policy });
};

export const putForensicWatermark: Handler<typeof wire.putForensicWatermark> = async (req, res) => {
  const caller = await authenticate(req, 'revocation');
  const { enabled } = parseBody(wire.forensicWatermarkBody, req.body);
  await setForensicWatermark(caller, enabled);
  res.json({ forensicWatermark: enabled });
};

export const putLadder: Handler<typeof wire.putLadder> = async (req, res) => {
  const caller = await authenticate(req, 'revocation');
  const { ladder } = parseBody(wire.ladderBody, req.body);
  await setLadder(caller, ladder);
  res.json({ ladder });
};

/** KEK rotation: re-wraps stored keys under the current KEK version; call again with `next` until done. */
export const postKekRewrap: Handler<typeof wire.postKekRewrap> = async (req, res) => {
  const caller = await authenticate(req, 'revocation');
  const { after } = parseBody(rewrapIds, parseBody(wire.postKekRewrap.body, req.body ?? {}));
  res.set('Cache-Control', 'no-store').json(await rewrapRecordingKeys(caller, after ?? null));
};

export const getStorage: Handler<typeof wire.getStorage> = async (req, res) => {
  const caller = await authenticate(req);
  await requireAdmin(caller, 'view-storage');
  res.set('Cache-Control', 'no-store').json(await storageSummary());
};
