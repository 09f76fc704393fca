// The admin console's API: recording management, access, storage and retention, alerts, the
// audit log, downloads and tracing a leaked copy. Every response is validated here before a model sees it.
import { ApiError, type ApiFetch, type TokenSource } from './http-api';
import { parse } from './parse';
import {
  accessList,
  alertInbox,
  auditCounters,
  auditPage,
  auditVerification,
  downloadLink,
  revocation,
  storageSummary,
  traceReportSchema,
  unreadCount,
  type AccessList,
  type Alert,
  type AuditCounter,
  type AuditEntry,
  type AuditVerification,
  type AuditVerifyBody,
  type EmailBody,
  type ExpiryBody,
  type RetentionBody,
  type BackgroundPause,
  type BackgroundPauseBody,
  type ForensicWatermarkBody,
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
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && value !== '') params.set(key, String(value));
  params.set('limit', String(limit));
  if (after !== null) params.set('after', String(after));
  return params.toString();
}

const rec = (id: string) => `/api/recordings/${encodeURIComponent(id)}`;
const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

export function createAdminApi(apiFetch: ApiFetch, idToken: TokenSource = async () => null) {
  return {
    async deleteRecording(id: string): Promise<void> {
      await apiFetch(rec(id), { method: 'DELETE' });
    },
    async setExpiry(id: string, expiresAtMs: number | null): Promise<void> {
      await apiFetch(`${rec(id)}/expiry`, json('PUT', { expiresAtMs } satisfies ExpiryBody));
    },
    async access(id: string): Promise<AccessList> {
      return parse(accessList, await apiFetch(`${rec(id)}/access`), 'the access list');
    },
    async grant(id: string, email: string): Promise<void> {
      await apiFetch(`${rec(id)}/grants`, json('POST', { email } satisfies EmailBody));
    },
    async removeGrant(id: string, email: string): Promise<void> {
      await apiFetch(`${rec(id)}/grants/${encodeURIComponent(email)}`, { method: 'DELETE' });
    },
    async revoke(id: string, email: string): Promise<number> {
      return parse(
        revocation,
        await apiFetch(`${rec(id)}/revocations`, json('POST', { email } satisfies EmailBody)),
        'a revocation',
      ).sessionsCut;
    },
    async storage(): Promise<StorageSummary> {
      return parse(storageSummary, await apiFetch('/api/storage'), 'the storage figures');
    },
    async setBackgroundPause(policy: BackgroundPause): Promise<void> {
      await apiFetch('/api/settings/background-pause', json('PUT', { policy } satisfies BackgroundPauseBody));
    },
    async setForensicWatermark(enabled: boolean): Promise<void> {
      await apiFetch('/api/settings/forensic-watermark', json('PUT', { enabled } satisfies ForensicWatermarkBody));
    },
    async setRetention(days: RetentionBody['days']): Promise<void> {
      await apiFetch('/api/settings/retention', json('PUT', { days } satisfies RetentionBody));
    },
    async alerts(): Promise<{ alerts: Alert[]; unread: number }> {
      return parse(alertInbox, await apiFetch('/api/alerts?limit=100'), 'the alerts');
    },
    /** The unread count alone, for the navigation badge: one alert's worth of reading. */
    async unreadAlertCount(): Promise<number> {
      return parse(unreadCount, await apiFetch('/api/alerts?limit=1'), 'the alerts').unread;
    },
    async markAlertRead(id: string): Promise<void> {
      await apiFetch(`/api/alerts/${encodeURIComponent(id)}/read`, { method: 'POST' });
    },
    async audit(
      filter: AuditFilter,
      after: number | null,
      limit = 50,
    ): Promise<{ entries: AuditEntry[]; next: number | null }> {
      return parse(auditPage, await apiFetch(`/api/audit?${auditQuery(filter, limit, after)}`), 'the audit log');
    },
    /** Repeated refusals, tallied per kind and window (the first of each is also an entry). */
    async auditCounters(): Promise<AuditCounter[]> {
      return parse(auditCounters, await apiFetch('/api/audit/counters'), 'the refusal counts').counters;
    },
    /** Checks a day's hash chains; a busy day answers `next` to continue from. */
    async verifyAudit(body: AuditVerifyBody): Promise<AuditVerification> {
      return parse(auditVerification, await apiFetch('/api/audit/verify', json('POST', body)), 'the verification');
    },
    /**
     * A one-time link (60 s) to the decrypted recording as one file, and its proof: the ID token
     * that minted it, which following the link must post (the link alone opens nothing). Following
     * it is a navigation, so the browser streams the file to disk; the permission was checked already.
     */
    async downloadLink(id: string): Promise<{ url: string; proof: string }> {
      const proof = await idToken();
      if (!proof) throw new ApiError(401, 'unauthenticated', 'Sign in to continue.');
      const { url } = parse(
        downloadLink,
        await apiFetch(`${rec(id)}/download-links`, { method: 'POST', headers: { Authorization: `Bearer ${proof}` } }),
        'a download link',
      );
      return { url, proof };
    },
    /**
     * Traces a clip of a leaked copy (POST /api/trace): the file itself is the body, sent as its
     * own video type or as octet-stream (a picker may give a .ts or .mkv no type at all).
     */
    async trace(clip: Blob, recordingId?: string): Promise<TraceReport> {
      const query = recordingId ? `?recordingId=${encodeURIComponent(recordingId)}` : '';
      const type = /^video\//.test(clip.type) ? clip.type : 'application/octet-stream';
      return parse(
        traceReportSchema,
        await apiFetch(`/api/trace${query}`, { method: 'POST', body: clip, headers: { 'Content-Type': type } }),
        'the trace report',
      );
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
