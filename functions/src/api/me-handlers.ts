// GET /api/me: who the caller is, with the role read live from Firestore.
import type { Handler } from './router';
import { authenticate, type Sent } from './http';
import type * as wire from './wire-schemas';
import { requireEnrolled } from '../services/role-gates';

export const me: Handler = async (req, res) => {
  const caller = await authenticate(req);
  const profile = await requireEnrolled(caller);
  res.set('Cache-Control', 'no-store').json(profile satisfies Sent<typeof wire.profile>);
};
