// When a recording reaches a final state, try to finalize it (compile its playlist). The last
// segment may land after the end is reported; its ingest finalizes then instead.
import type { Change, FirestoreEvent, QueryDocumentSnapshot } from 'firebase-functions/firestore';
import { isActive, type RecordingStatus } from '../domain/recording-state';
import { maybeFinalize } from '../services/finalize-recording';

export async function handleRecordingUpdated(
  event: FirestoreEvent<Change<QueryDocumentSnapshot> | undefined, { recordingId: string }>,
): Promise<void> {
  const before = event.data?.before.get('status') as RecordingStatus | undefined;
  const after = event.data?.after.get('status') as RecordingStatus | undefined;
  if (before && after && isActive(before) && !isActive(after)) await maybeFinalize(event.params.recordingId);
}
