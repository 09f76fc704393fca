// Attendance and consent: who watched a recording, and the consent ledger (admins and the meeting's
// teacher); the banner's answer from anyone in the meeting.
import { viewersOf } from '../services/attendance/attendance';
import { consentLedgerOf, recordConsent } from '../services/recording/consent-ledger';
import { authenticate, idParam, parseBody } from './http';
import type { Handler } from './router';
import * as wire from '@lecturevault/contract';

export const getViewers: Handler<typeof wire.getViewers> = async (req, res, params) => {
  const viewers = await viewersOf(await authenticate(req), parseBody(idParam, params.recordingId));
  res.set('Cache-Control', 'no-store').json({ viewers });
};

export const getConsent: Handler<typeof wire.getConsent> = async (req, res, params) => {
  const participants = await consentLedgerOf(await authenticate(req), parseBody(idParam, params.recordingId));
  res.set('Cache-Control', 'no-store').json({ participants });
};

export const postConsent: Handler<typeof wire.postConsent> = async (req, res, params) => {
  const caller = await authenticate(req);
  const meetingId = parseBody(idParam, params.meetingId);
  const body = parseBody(wire.consentBody, req.body);
  await recordConsent(caller, meetingId, { ...body, recordingId: parseBody(idParam, body.recordingId) });
  res.status(204).end();
};
