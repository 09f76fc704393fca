// Storage trigger on the ingest bucket only (raw egress output under ingest/{recordingId}/): our
// encrypted copies and everything else go to the main bucket, so they never invoke it.
import type { StorageEvent } from 'firebase-functions/storage';
import { ingestEventObject } from '../services/ingest/segment-ingest';

export async function handleObjectFinalized(event: StorageEvent): Promise<void> {
  // The size is Cloud Storage's own metadata: the uploader cannot make it smaller than the object.
  await ingestEventObject({ name: event.data.name, sizeBytes: Number(event.data.size) });
}
