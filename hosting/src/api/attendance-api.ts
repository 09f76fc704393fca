// Attendance for admins and the meeting's teacher: who watched a recording, measured by the server
// (GET /api/recordings/:id/viewers), and the consent ledger (GET /api/recordings/:id/consent). Validated at the edge.
import type { ApiFetch } from './http-api';
import { parse } from './parse';
import { consentLedger, viewerList, type LedgerRow, type ViewerStats } from './wire';

export type { LedgerRow, ViewerStats } from './wire';

export function createAttendanceApi(apiFetch: ApiFetch) {
  const rec = (id: string) => `/api/recordings/${encodeURIComponent(id)}`;
  return {
    async viewers(recordingId: string): Promise<ViewerStats[]> {
      return parse(viewerList, await apiFetch(`${rec(recordingId)}/viewers`), 'the viewers').viewers;
    },
    async consent(recordingId: string): Promise<LedgerRow[]> {
      return parse(consentLedger, await apiFetch(`${rec(recordingId)}/consent`), 'the consent ledger').participants;
    },
  };
}

export type AttendanceApi = ReturnType<typeof createAttendanceApi>;
