// Storage trigger for raw egress output under ingest/{recordingId}/. Everything else in the
// bucket (our encrypted copies included) is ignored, so the trigger never feeds on itself.
import type { StorageEvent } from 'firebase-functions/storage';
import { ingestObject } from '../services/segment-ingest';

export async function handleObjectFinalized(event: StorageEvent): Promise<void> {
  await ingestObject(event.data.name);
}
