// GET /api/recordings: the recordings this user may see (the server applies the access check and
// hides incomplete ones from students), newest first; GET /api/library: one searched, filtered,
// sorted page of them; PUT /api/recordings/:id/details; GET /api/recordings/:id/poster; a student's
// POST /api/access-requests ("Request access"). Validated at the edge.
import { createCall } from './call';
import { ApiError, type ApiFetch } from './http-api';
import { badResponse } from './parse';
import {
  getLibrary,
  getPoster,
  getRecordings,
  postAccessRequest,
  putDetails,
  type DetailsBody,
  type LibraryPage,
  type LibraryQuery,
  type RecordingSummary,
} from './wire';

export type { LibraryPage, LibraryQuery, RecordingSummary } from './wire';

export function createRecordingsApi(apiFetch: ApiFetch) {
  const call = createCall(apiFetch);
  return {
    async list(): Promise<RecordingSummary[]> {
      return (await call(getRecordings, { what: 'the recordings' })).recordings;
    },
    async page(query: LibraryQuery): Promise<LibraryPage> {
      return call(getLibrary, { query, what: 'a library page' });
    },
    /**
     * The poster frame as a data: URL (the CSP's img-src allows 'self' and data:, and an <img> could
     * not send the ID token), or null when the recording has none.
     */
    async poster(recordingId: string): Promise<string | null> {
      let body: unknown;
      try {
        body = await call(getPoster, { params: { recordingId } });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
      if (!(body instanceof Blob)) throw badResponse('a poster frame');
      return blobToDataUrl(body);
    },
    async setDetails(recordingId: string, details: DetailsBody): Promise<void> {
      await call(putDetails, { params: { recordingId }, body: details });
    },
    /** Asks the admins for access to a recording (null: to any lectures, from an empty library). */
    async requestAccess(recordingId: string | null): Promise<void> {
      await call(postAccessRequest, { body: recordingId === null ? {} : { recordingId }, what: 'the request' });
    },
  };
}

export type RecordingsApi = ReturnType<typeof createRecordingsApi>;

async function blobToDataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // In chunks: String.fromCharCode takes its bytes as arguments, and a call has an argument limit.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return `data:${blob.type};base64,${btoa(binary)}`;
}
