// POST /api/auth/school-session: a sign-in with a school account (Google Workspace, Microsoft) in,
// the matched LectureVault account's custom token out (services/access/school-sign-in.ts). The
// token is a credential: no-store, and never logged.
import type * as wire from '@lecturevault/contract';
import { openSchoolSession } from '../services/access/school-sign-in';
import { authenticateSchoolSignIn } from './http';
import type { Handler } from './router';

export const postSchoolSession: Handler<typeof wire.postSchoolSession> = async (req, res) => {
  const { caller, email } = await authenticateSchoolSignIn(req);
  res.set('Cache-Control', 'no-store').json({ customToken: await openSchoolSession(caller, email) });
};
