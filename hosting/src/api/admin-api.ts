// The admin console's API: recording management, access, storage and retention, alerts, the
// audit log, downloads and tracing a leaked copy. Every response is validated here before a model sees it.
import { createCall, queryString } from './call';
import { ApiError, type ApiFetch, type TokenSource } from './http-api';
import {
  deleteRecording,
  getAccess,
  getAlerts,
  getAudit,
  getAuditCounters,
  getPeople,
  getStorage,
  postAuditVerify,
  postDownloadLink,
  postGrant,
  postAlertRead,
  postRevocation,
  postTrace,
  putBackgroundPause,
  putExpiry,
  putForensicWatermark,
  putLadder,
  putRetention,
  deleteGrant,
  type AccessList,
  type Alert,
  type AuditCounter,
  type AuditEntry,
  type AuditVerification,
  type AuditVerifyBody,
  type Person,
  type QueryOf,
  type BackgroundPause,
  type LadderBody,
  type RetentionDays,
  type StorageSummary,
  type TraceReport,
} from './wire';

export type {
  AccessList,
  Alert,
  AuditCounter,
  AuditEntry,
  AuditFinding,
  AuditVerification,
  Person,
  StorageSummary,
  TraceReport,
  Via,
  Viewer,
} from './wire';

export interface AuditFilter {
  readonly action?: string;
  readonly outcome?: string;
  readonly recordingId?: string;
  readonly uid?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}

/** The audit filter as a query string (empty fields left out). */
export function auditQuery(filter: AuditFilter, limit: number, after: number | null): string {
  return queryString({ ...filter, limit, after });
}

export function createAdminApi(apiFetch: ApiFetch, idToken: TokenSource = async () => null) {
  const call = createCall(apiFetch);
  return {
    async deleteRecording(recordingId: string): Promise<void> {
      await call(deleteRecording, { params: { recordingId } });
    },
    async setExpiry(recordingId: string, expiresAtMs: number | null): Promise<void> {
      await call(putExpiry, { params: { recordingId }, body: { expiresAtMs }, read: false });
    },
    async access(recordingId: string): Promise<AccessList> {
      return call(getAccess, { params: { recordingId }, what: 'the access list' });
    },
    async grant(recordingId: string, email: string): Promise<void> {
      await call(postGrant, { params: { recordingId }, body: { email }, read: false });
    },
    async removeGrant(recordingId: string, email: string): Promise<void> {
      await call(deleteGrant, { params: { recordingId, email } });
    },
    async revoke(recordingId: string, email: string): Promise<number> {
      return (await call(postRevocation, { params: { recordingId }, body: { email }, what: 'a revocation' }))
        .sessionsCut;
    },
    async storage(): Promise<StorageSummary> {
      return call(getStorage, { what: 'the storage figures' });
    },
    async setBackgroundPause(policy: BackgroundPause): Promise<void> {
      await call(putBackgroundPause, { body: { policy }, read: false });
    },
    async setForensicWatermark(enabled: boolean): Promise<void> {
      await call(putForensicWatermark, { body: { enabled }, read: false });
    },
    async setLadder(ladder: LadderBody['ladder']): Promise<void> {
      await call(putLadder, { body: { ladder }, read: false });
    },
    async setRetention(days: RetentionDays): Promise<void> {
      await call(putRetention, { body: { days }, read: false });
    },
    async alerts(): Promise<{ alerts: Alert[]; unread: number }> {
      return call(getAlerts, { query: { limit: 100 }, what: 'the alerts' });
    },
    /** The unread count alone, for the navigation badge: one alert's worth of reading. */
    async unreadAlertCount(): Promise<number> {
      return (await call(getAlerts, { query: { limit: 1 }, what: 'the alerts' })).unread;
    },
    async markAlertRead(alertId: string): Promise<void> {
      await call(postAlertRead, { params: { alertId } });
    },
    async audit(
      filter: AuditFilter,
      after: number | null,
      limit = 50,
    ): Promise<{ entries: AuditEntry[]; next: number | null }> {
      // The filter's outcome is whatever the page's select holds; the server checks it is one it knows.
      const query = { ...filter, limit, after: after ?? undefined } as QueryOf<typeof getAudit>;
      return call(getAudit, { query, what: 'the audit log' });
    },
    /** Everyone with a users/ entry, by name: the console's people pickers. */
    async people(): Promise<Person[]> {
      return (await call(getPeople, { what: 'the people' })).people;
    },
    /** Repeated refusals, tallied per kind and window (the first of each is also an entry). */
    async auditCounters(): Promise<AuditCounter[]> {
      return (await call(getAuditCounters, { what: 'the refusal counts' })).counters;
    },
    /** Checks a day's hash chains; a busy day answers `next` to continue from. */
    async verifyAudit(body: AuditVerifyBody): Promise<AuditVerification> {
      return call(postAuditVerify, { body, what: 'the verification' });
    },
    /**
     * A one-time link (60 s) to the decrypted recording as one file, and its proof: the ID token
     * that minted it, which following the link must post (the link alone opens nothing). Following
     * it is a navigation, so the browser streams the file to disk; the permission was checked already.
     */
    async downloadLink(recordingId: string): Promise<{ url: string; proof: string }> {
      const proof = await idToken();
      if (!proof) throw new ApiError(401, 'unauthenticated', 'Sign in to continue.');
      const { url } = await call(postDownloadLink, {
        params: { recordingId },
        body: { format: 'mp4' }, // remuxed from the stored MPEG-TS: what every player opens
        headers: { Authorization: `Bearer ${proof}` },
        what: 'a download link',
      });
      return { url, proof };
    },
    /**
     * Traces a clip of a leaked copy (POST /api/trace): the file itself is the body, sent as its
     * own video type or as octet-stream (a picker may give a .ts or .mkv no type at all).
     */
    async trace(clip: Blob, recordingId?: string): Promise<TraceReport> {
      const type = /^video\//.test(clip.type) ? clip.type : 'application/octet-stream';
      return call(postTrace, {
        query: { recordingId: recordingId || undefined },
        body: clip,
        headers: { 'Content-Type': type },
        what: 'the trace report',
      });
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
