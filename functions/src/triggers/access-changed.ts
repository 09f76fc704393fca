// Access changes made by a Firestore write rather than through the API (an admin editing in the
// console, a provisioning script): a user's role or email changed or the user deleted, a
// meeting's batch or teacher changed or the meeting deleted, a batch member removed. Each re-runs
// the access check on the affected open sessions and ends those it now refuses, at once.
import { SYSTEM } from '../domain/access/caller';
import type { Change, DocumentSnapshot, FirestoreEvent, QueryDocumentSnapshot } from 'firebase-functions/firestore';
import * as logs from '../logs';
import { cutRefusedSessions } from '../services/playback/session-control';
import { writeAudit } from '../store/audit-writer';
import type { SessionFilter } from '../store/sessions';

type Written<P> = FirestoreEvent<Change<DocumentSnapshot> | undefined, P>;

/** True when the document was deleted or one of `fields` changed (a creation changes nothing open). */
function changed(change: Change<DocumentSnapshot> | undefined, fields: readonly string[]): boolean {
  if (!change?.before.exists) return false;
  if (!change.after.exists) return true;
  return fields.some((f) => JSON.stringify(change.before.get(f)) !== JSON.stringify(change.after.get(f)));
}

async function cut(filter: SessionFilter, what: string): Promise<void> {
  const count = await cutRefusedSessions(filter);
  logs.sessionsCut(what, count);
  if (count)
    await writeAudit(SYSTEM, { action: 'cut-sessions', outcome: 'ok', reason: `${what}; ${count} session(s) cut` });
}

export async function handleUserWritten(event: Written<{ uid: string }>): Promise<void> {
  if (!changed(event.data, ['role', 'email'])) return;
  const deleted = !event.data!.after.exists;
  await cut({ uid: event.params.uid }, `user ${event.params.uid} ${deleted ? 'deleted' : 'role or email changed'}`);
}

export async function handleMeetingWritten(event: Written<{ meetingId: string }>): Promise<void> {
  if (!changed(event.data, ['batchId', 'teacherUid'])) return;
  const deleted = !event.data!.after.exists;
  await cut(
    { meetingId: event.params.meetingId },
    `meeting ${event.params.meetingId} ${deleted ? 'deleted' : 'batch or teacher changed'}`,
  );
}

export async function handleMemberRemoved(
  event: FirestoreEvent<QueryDocumentSnapshot | undefined, { batchId: string; uid: string }>,
): Promise<void> {
  await cut({ uid: event.params.uid }, `${event.params.uid} left batch ${event.params.batchId}`);
}
