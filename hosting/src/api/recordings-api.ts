// GET /api/recordings: the recordings this user may see (the server applies the access check and
// hides incomplete ones from students), newest first; GET /api/library: one searched, filtered,
// sorted page of them; PUT /api/recordings/:id/details. Validated at the edge.
import type { ApiFetch } from './http-api';
import { parse } from './parse';
import {
  libraryPage,
  recordingList,
  type DetailsBody,
  type LibraryPage,
  type LibraryQuery,
  type RecordingSummary,
} from './wire';

export type { LibraryPage, LibraryQuery, RecordingSummary } from './wire';

export function createRecordingsApi(apiFetch: ApiFetch) {
  return {
    async list(): Promise<RecordingSummary[]> {
      return parse(recordingList, await apiFetch('/api/recordings'), 'the recordings').recordings;
    },
    async page(query: LibraryQuery): Promise<LibraryPage> {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query))
        if (value !== undefined && value !== '') params.set(key, String(value));
      return parse(libraryPage, await apiFetch(`/api/library?${params}`), 'a library page');
    },
    async setDetails(recordingId: string, details: DetailsBody): Promise<void> {
      await apiFetch(`/api/recordings/${encodeURIComponent(recordingId)}/details`, {
        method: 'PUT',
        body: JSON.stringify(details),
      });
    },
  };
}

export type RecordingsApi = ReturnType<typeof createRecordingsApi>;
