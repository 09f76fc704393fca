// A user's own choice to receive LectureVault mail or not (an enrolled account, itself only).
import type { Caller } from '../../domain/access/caller';
import { setMailOptOut } from '../../store/mail';
import { requireEnrolled } from '../access/role-gates';

export async function setMailEnabled(actor: Caller, enabled: boolean): Promise<void> {
  const user = await requireEnrolled(actor);
  await setMailOptOut(user.uid, !enabled);
}
