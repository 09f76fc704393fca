// /api/meetings (the meetings a user can open) and /api/alerts (the admin's inbox).
import { z } from 'zod';
import { listAlerts, markAlertRead } from '../services/notifications/notifications';
import { listMeetings } from '../services/recording/meetings-directory';
import { authenticate, idParam, parseBody, type Sent } from './http';
import type { Handler } from './router';
import type * as wire from './wire-schemas';

const alertsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const getMeetings: Handler = async (req, res) => {
  res
    .set('Cache-Control', 'no-store')
    .json({ meetings: await listMeetings(await authenticate(req)) } satisfies Sent<typeof wire.meetingList>);
};

export const getAlerts: Handler = async (req, res) => {
  const caller = await authenticate(req);
  const { limit } = parseBody(alertsQuery, req.query);
  res.set('Cache-Control', 'no-store').json((await listAlerts(caller, limit)) satisfies Sent<typeof wire.alertInbox>);
};

export const postAlertRead: Handler = async (req, res, params) => {
  await markAlertRead(await authenticate(req, 'revocation'), parseBody(idParam, params.alertId));
  res.status(204).end();
};
