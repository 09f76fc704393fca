// Attendance: who watched a recording (and, later, the consent ledger), for admins and the meeting's teacher.
import { viewersOf } from '../services/attendance';
import { authenticate, idParam, parseBody, type Sent } from './http';
import type { Handler } from './router';
import type * as wire from './wire-schemas';

export const getViewers: Handler = async (req, res, params) => {
  const viewers = await viewersOf(await authenticate(req), parseBody(idParam, params.recordingId));
  res.set('Cache-Control', 'no-store').json({ viewers } satisfies Sent<typeof wire.viewerList>);
};
