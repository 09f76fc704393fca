// Storage trigger for raw egress output under ingest/{recordingId}/. Everything else in the
// bucket (our encrypted copies included) is ignored, so the trigger never feeds on itself.
import type { StorageEvent } from 'firebase-functions/storage';
import { parseIngestPath } from '../domain/ingest-path';
import * as logs from '../logs';

export async function handleObjectFinalized(event: StorageEvent): Promise<void> {
  const object = event.data;
  const parsed = parseIngestPath(object.name);
  if (!parsed) {
    logs.ingestObjectIgnored(object.name);
    return;
  }
  logs.ingestObjectSeen(parsed.recordingId, object.name, Number(object.size));
}
