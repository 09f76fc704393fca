// GET /api/me: the signed-in user's LectureVault profile, validated at the edge.
import { ApiError, type ApiFetch } from './http-api';

export const ROLES = ['admin', 'teacher', 'student'] as const;
export type Role = (typeof ROLES)[number];

export interface Profile {
  readonly uid: string;
  readonly role: Role;
  readonly name: string;
  readonly email: string;
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function parseProfile(body: unknown): Profile {
  const v = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { uid, role, name, email } = v;
  if (typeof uid !== 'string' || !isRole(role) || typeof name !== 'string' || typeof email !== 'string') {
    throw new ApiError(200, 'bad-response', 'The server sent a profile we could not read.');
  }
  return { uid, role, name, email };
}

export async function fetchProfile(apiFetch: ApiFetch): Promise<Profile> {
  return parseProfile(await apiFetch('/api/me'));
}
