// GET /api/me: the signed-in user's LectureVault profile; PUT /api/me/mail: their own mail choice.
// Both validated at the edge (call.ts).
import { createCall } from './call';
import { createApiFetch, type ApiFetch } from './http-api';
import { getMe, postSchoolSession, putMail, type Profile } from './wire';

export type { Profile, Role } from './wire';

export async function fetchProfile(apiFetch: ApiFetch): Promise<Profile> {
  return createCall(apiFetch)(getMe, { what: 'a profile' });
}

/**
 * POST /api/auth/school-session with a school account's ID token (the provider's sign-in, not the
 * session's): the custom token of the users/ account with that verified email.
 */
export async function exchangeSchoolSignIn(providerIdToken: string): Promise<string> {
  const call = createCall(createApiFetch(() => Promise.resolve(providerIdToken)));
  return (await call(postSchoolSession, { what: 'a sign-in' })).customToken;
}

export interface MeApi {
  /** Turns the caller's LectureVault mail on or off; resolves with what the server stored. */
  saveMailEnabled(enabled: boolean): Promise<boolean>;
}

export function createMeApi(apiFetch: ApiFetch): MeApi {
  const call = createCall(apiFetch);
  return {
    async saveMailEnabled(enabled) {
      return (await call(putMail, { body: { enabled }, what: 'a mail setting' })).enabled;
    },
  };
}
