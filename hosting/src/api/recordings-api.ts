// GET /api/recordings: the recordings this user may see (the server applies the access check and
// hides incomplete ones from students), newest first. Validated at the edge.
import type { ApiFetch } from './http-api';
import { parse } from './parse';
import { recordingList, type RecordingSummary } from './wire';

export type { RecordingSummary } from './wire';

export function createRecordingsApi(apiFetch: ApiFetch) {
  return {
    async list(): Promise<RecordingSummary[]> {
      return parse(recordingList, await apiFetch('/api/recordings'), 'the recordings').recordings;
    },
  };
}

export type RecordingsApi = ReturnType<typeof createRecordingsApi>;
