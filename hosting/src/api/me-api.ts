// GET /api/me: the signed-in user's LectureVault profile; PUT /api/me/mail: their own mail choice.
// Both validated at the edge.
import type { ApiFetch } from './http-api';
import { parse } from './parse';
import { mailBody, profile, type Profile } from './wire';

export type { Profile, Role } from './wire';

export async function fetchProfile(apiFetch: ApiFetch): Promise<Profile> {
  return parse(profile, await apiFetch('/api/me'), 'a profile');
}

export interface MeApi {
  /** Turns the caller's LectureVault mail on or off; resolves with what the server stored. */
  saveMailEnabled(enabled: boolean): Promise<boolean>;
}

export function createMeApi(apiFetch: ApiFetch): MeApi {
  return {
    async saveMailEnabled(enabled) {
      const body = await apiFetch('/api/me/mail', { method: 'PUT', body: JSON.stringify({ enabled }) });
      return parse(mailBody, body, 'a mail setting').enabled;
    },
  };
}
