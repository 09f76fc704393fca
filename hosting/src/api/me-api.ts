// GET /api/me: the signed-in user's LectureVault profile, validated at the edge.
import type { ApiFetch } from './http-api';
import { parse } from './parse';
import { profile, type Profile } from './wire';

export type { Profile, Role } from './wire';

export async function fetchProfile(apiFetch: ApiFetch): Promise<Profile> {
  return parse(profile, await apiFetch('/api/me'), 'a profile');
}
