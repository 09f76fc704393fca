// Storage trigger on the ingest bucket only (raw egress output under ingest/{recordingId}/): our
// encrypted copies and everything else go to the main bucket, so they never invoke it.
import type { StorageEvent } from 'firebase-functions/storage';
import { ingestObject } from '../services/segment-ingest';

export async function handleObjectFinalized(event: StorageEvent): Promise<void> {
  await ingestObject(event.data.name);
}
