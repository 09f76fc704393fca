// GET /api/me: who the caller is, with the role read live from Firestore; PUT /api/me/mail: the
// caller's own mail opt-out (lecture-ready and alert mails).
import type { Handler } from './router';
import { authenticate, parseBody } from './http';
import { requireEnrolled } from '../services/access/role-gates';
import { setMailEnabled } from '../services/notifications/notifications';
import * as wire from '@lecturevault/contract';

export const me: Handler<typeof wire.getMe> = async (req, res) => {
  const caller = await authenticate(req);
  const profile = await requireEnrolled(caller);
  res.set('Cache-Control', 'no-store').json(profile);
};

export const putMail: Handler<typeof wire.putMail> = async (req, res) => {
  const caller = await authenticate(req);
  const { enabled } = parseBody(wire.mailBody, req.body);
  await setMailEnabled(caller, enabled);
  res.json({ enabled });
};
