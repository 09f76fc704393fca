// The caller's own view of LectureVault: GET /api/me (who they are, the role read live from Firestore),
// PUT /api/me/mail (their mail opt-out), /api/meetings (the meetings they can open) and /api/alerts
// (the admin's inbox).
import { listAlerts, markAlertRead, setMailEnabled } from '../services/notifications/notifications';
import { listMeetings } from '../services/recording/meetings-directory';
import { authenticate, idParam, parseBody } from './http';
import type { Handler } from './router';
import * as wire from '@lecturevault/contract';
import { profileForCaller } from '../services/access/role-gates';

export const getMeetings: Handler<typeof wire.getMeetings> = async (req, res) => {
  res.set('Cache-Control', 'no-store').json({ meetings: await listMeetings(await authenticate(req)) });
};

export const getAlerts: Handler<typeof wire.getAlerts> = async (req, res) => {
  const caller = await authenticate(req);
  const { limit } = parseBody(wire.getAlerts.query, req.query);
  res.set('Cache-Control', 'no-store').json(await listAlerts(caller, limit));
};

export const postAlertRead: Handler<typeof wire.postAlertRead> = async (req, res, params) => {
  await markAlertRead(await authenticate(req, 'revocation'), parseBody(idParam, params.alertId));
  res.status(204).end();
};

export const me: Handler<typeof wire.getMe> = async (req, res) => {
  const caller = await authenticate(req);
  res.set('Cache-Control', 'no-store').json(await profileForCaller(caller));
};

export const putMail: Handler<typeof wire.putMail> = async (req, res) => {
  const caller = await authenticate(req);
  const { enabled } = parseBody(wire.mailBody, req.body);
  await setMailEnabled(caller, enabled);
  res.json({ enabled });
};
