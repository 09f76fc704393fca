// Attendance for admins and the meeting's teacher: who watched a recording, measured by the server
// (GET /api/recordings/:id/viewers), and the consent ledger (GET /api/recordings/:id/consent). Validated at the edge.
import { createCall } from './call';
import type { ApiFetch } from './http-api';
import { getConsent, getViewers, type LedgerRow, type ViewerStats } from './wire';

export type { LedgerRow, ViewerStats } from './wire';

export function createAttendanceApi(apiFetch: ApiFetch) {
  const call = createCall(apiFetch);
  return {
    async viewers(recordingId: string): Promise<ViewerStats[]> {
      return (await call(getViewers, { params: { recordingId }, what: 'the viewers' })).viewers;
    },
    async consent(recordingId: string): Promise<LedgerRow[]> {
      return (await call(getConsent, { params: { recordingId }, what: 'the consent ledger' })).participants;
    },
  };
}

export type AttendanceApi = ReturnType<typeof createAttendanceApi>;
