// Attendance for admins and the meeting's teacher: who watched a recording, measured by the server
// (GET /api/recordings/:id/viewers). Validated at the edge.
import type { ApiFetch } from './http-api';
import { parse } from './parse';
import { viewerList, type ViewerStats } from './wire';

export type { ViewerStats } from './wire';

export function createAttendanceApi(apiFetch: ApiFetch) {
  const rec = (id: string) => `/api/recordings/${encodeURIComponent(id)}`;
  return {
    async viewers(recordingId: string): Promise<ViewerStats[]> {
      return parse(viewerList, await apiFetch(`${rec(recordingId)}/viewers`), 'the viewers').viewers;
    },
  };
}

export type AttendanceApi = ReturnType<typeof createAttendanceApi>;
