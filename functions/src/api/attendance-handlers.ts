// Attendance and consent: who watched a recording, and the consent ledger (admins and the meeting's
// teacher); the banner's answer from anyone in the meeting.
import { viewersOf } from '../services/attendance/attendance';
import { consentLedgerOf, recordConsent } from '../services/recording/consent-ledger';
import { authenticate, idParam, parseBody, type Sent } from './http';
import type { Handler } from './router';
import * as wire from './wire-schemas';

export const getViewers: Handler = async (req, res, params) => {
  const viewers = await viewersOf(await authenticate(req), parseBody(idParam, params.recordingId));
  res.set('Cache-Control', 'no-store').json({ viewers } satisfies Sent<typeof wire.viewerList>);
};

export const getConsent: Handler = async (req, res, params) => {
  const participants = await consentLedgerOf(await authenticate(req), parseBody(idParam, params.recordingId));
  res.set('Cache-Control', 'no-store').json({ participants } satisfies Sent<typeof wire.consentLedger>);
};

export const postConsent: Handler = async (req, res, params) => {
  const caller = await authenticate(req);
  const meetingId = parseBody(idParam, params.meetingId);
  const body = parseBody(wire.consentBody, req.body);
  await recordConsent(caller, meetingId, { ...body, recordingId: parseBody(idParam, body.recordingId) });
  res.status(204).end();
};
