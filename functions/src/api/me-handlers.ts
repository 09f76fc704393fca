// GET /api/me: who the caller is, with the role read live from Firestore.
import type { Handler } from './router';
import { authenticate, type Sent } from './http';
import type * as wire from './wire-schemas';
import { Forbidden } from '../errors';
import { getUserProfile } from '../store/users';

export const me: Handler = async (req, res) => {
  const caller = await authenticate(req);
  const profile = await getUserProfile(caller.uid);
  if (!profile) throw new Forbidden('Your account is not enrolled in LectureVault. Ask an administrator.');
  res.set('Cache-Control', 'no-store').json(profile satisfies Sent<typeof wire.profile>);
};
