// The people an admin picks from in the console (the audit log's "who" filter): every users/
// entry's uid, name, email and role, by name. Admins only: they see these in the console already.
import type { Caller } from '../../domain/access/caller';
import { usersByName } from '../../store/users';
import { requireAdmin } from './role-gates';

/** A school's people fit in one answer; past this the picker lists the first by name. */
export const PEOPLE_LIMIT = 2000;

export async function listPeople(actor: Caller) {
  await requireAdmin(actor, 'list-people');
  const people = await usersByName(PEOPLE_LIMIT);
  return { people: people.map(({ uid, name, email, role }) => ({ uid, name, email, role })) };
}
