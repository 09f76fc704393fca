// GET /api/me: the signed-in user's LectureVault profile; PUT /api/me/mail: their own mail choice.
// Both validated at the edge (call.ts).
import { createCall } from './call';
import type { ApiFetch } from './http-api';
import { getMe, putMail, type Profile } from './wire';

export type { Profile, Role } from './wire';

export async function fetchProfile(apiFetch: ApiFetch): Promise<Profile> {
  return createCall(apiFetch)(getMe, { what: 'a profile' });
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
