// When a recording reaches a final state, try to finalize it (compile its playlist). The last
// segment may land after the end is reported; its ingest finalizes then instead. Once finalized
// (playable), its students are mailed that it is ready and its machine captions are started.
import type { Change, FirestoreEvent, QueryDocumentSnapshot } from 'firebase-functions/firestore';
import { isActive, type RecordingStatus } from '../domain/recording/recording-state';
import { maybeFinalize } from '../services/ingest/finalize-recording';
import { notifyLectureReady } from '../services/notifications/notifications';
import { startMachineCaptions } from '../services/captions/machine-captions';

export async function handleRecordingUpdated(
  event: FirestoreEvent<Change<QueryDocumentSnapshot> | undefined, { recordingId: string }>,
): Promise<void> {
  const before = event.data?.before.get('status') as RecordingStatus | undefined;
  const after = event.data?.after.get('status') as RecordingStatus | undefined;
  if (before && after && isActive(before) && !isActive(after)) await maybeFinalize(event.params.recordingId);
  if (!event.data?.before.get('finalized') && event.data?.after.get('finalized') === true) {
    await notifyLectureReady(event.params.recordingId);
    await startMachineCaptions(event.params.recordingId);
  }
}
