// A cheap fingerprint of everything stored in Firestore: per collection (root collections and the
// subcollections we keep), the document count and the latest update time. Two equal fingerprints
// mean no document was created, changed or deleted in between (a delete lowers a count; an update
// moves the latest update time). Storage is not covered: no API route writes to it on a refusal path.
import { db } from './emulators';

/** Subcollections, by their collection-group name. */
const GROUPS = ['members', 'segments', 'shards'];

export async function firestoreFingerprint(exclude: readonly string[] = []): Promise<Record<string, string>> {
  const roots = (await db().listCollections()).map((c) => c.id).filter((id) => !exclude.includes(id));
  const entries = await Promise.all([
    ...roots.map(async (id) => [id, summary(await db().collection(id).get())] as const),
    ...GROUPS.filter((g) => !exclude.includes(g)).map(
      async (g) => [`*/${g}`, summary(await db().collectionGroup(g).get())] as const,
    ),
  ]);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

function summary(snap: FirebaseFirestore.QuerySnapshot): string {
  // Timestamp.valueOf() sorts as a string, to the nanosecond.
  let latest = '';
  for (const doc of snap.docs) if (doc.updateTime.valueOf() > latest) latest = doc.updateTime.valueOf();
  return `${snap.size}@${latest}`;
}

/**
 * Waits until nothing in Firestore changes for `quietMs`: triggers of the set-up (finalize, then the
 * "new lecture" mail fan-out) run after it returns, and a fingerprint taken meanwhile would blame
 * their writes on the request under test.
 */
export async function firestoreSettled(quietMs = 1500, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(await firestoreFingerprint());
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error(`Firestore still changing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
    const now = JSON.stringify(await firestoreFingerprint());
    if (now !== last) [last, since] = [now, Date.now()];
  }
}
