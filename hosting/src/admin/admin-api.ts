// The admin console's API: recording management, access, storage and retention, alerts, the
// audit log, and downloads. Every response is validated here before a model sees it.
import type { ApiFetch } from '../api/http-api';
import { bool, fields, list, num, numOrNull, str, strOrNull, type Fields } from '../api/parse';
import { parseCostEstimate, type CostEstimate } from './cost-estimate';

export type Via = 'admin' | 'teacher' | 'batch' | 'grant';

export interface Viewer {
  readonly who: string;
  readonly name: string | null;
  readonly via: Via;
  readonly revoked: boolean;
}

export interface AccessList {
  readonly viewers: readonly Viewer[];
  readonly revoked: readonly string[];
}

export interface StorageSummary {
  readonly usedBytes: number;
  readonly capacityBytes: number;
  readonly quotaBytes: number | null;
  readonly freeBytes: number;
  readonly safetyMarginBytes: number;
  readonly alertThresholdRatio: number;
  readonly retentionDays: number;
  readonly meetings: readonly { readonly meetingId: string; readonly bytes: number; readonly seconds: number }[];
  readonly costEstimate: CostEstimate;
}

export interface Alert {
  readonly id: string;
  readonly kind: string;
  readonly message: string;
  readonly recordingId: string | null;
  readonly meetingId: string | null;
  readonly atMs: number;
  readonly read: boolean;
}

export interface AuditEntry {
  readonly id: string;
  readonly atMs: number;
  readonly action: string;
  readonly outcome: string;
  readonly uid: string | null;
  readonly email: string | null;
  readonly recordingId: string | null;
  readonly meetingId: string | null;
  readonly reason: string | null;
  readonly ip: string | null;
}

export interface AuditFilter {
  readonly action?: string;
  readonly outcome?: string;
  readonly recordingId?: string;
  readonly uid?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}

const VIAS: readonly string[] = ['admin', 'teacher', 'batch', 'grant'];

function parseViewer(value: unknown): Viewer {
  const what = 'a viewer';
  const v = fields(value, what);
  const via = str(v, 'via', what);
  return { who: str(v, 'who', what), name: strOrNull(v, 'name', what), via: (VIAS.includes(via) ? via : 'grant') as Via, revoked: bool(v, 'revoked', what) };
}

function parseAudit(value: unknown): AuditEntry {
  const what = 'an audit entry';
  const v = fields(value, what);
  return {
    id: str(v, 'id', what),
    atMs: num(v, 'atMs', what),
    action: str(v, 'action', what),
    outcome: str(v, 'outcome', what),
    uid: strOrNull(v, 'uid', what),
    email: strOrNull(v, 'email', what),
    recordingId: strOrNull(v, 'recordingId', what),
    meetingId: strOrNull(v, 'meetingId', what),
    reason: strOrNull(v, 'reason', what),
    ip: strOrNull(v, 'ip', what),
  };
}

/** The audit filter as a query string (empty fields left out). */
export function auditQuery(filter: AuditFilter, limit: number, after: number | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') params.set(key, String(value));
  params.set('limit', String(limit));
  if (after !== null) params.set('after', String(after));
  return params.toString();
}

const rec = (id: string) => `/api/recordings/${encodeURIComponent(id)}`;
const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

export function createAdminApi(apiFetch: ApiFetch) {
  return {
    async deleteRecording(id: string): Promise<void> {
      await apiFetch(rec(id), { method: 'DELETE' });
    },
    async setExpiry(id: string, expiresAtMs: number | null): Promise<void> {
      await apiFetch(`${rec(id)}/expiry`, json('PUT', { expiresAtMs }));
    },
    async access(id: string): Promise<AccessList> {
      const v = fields(await apiFetch(`${rec(id)}/access`), 'the access list');
      return { viewers: list(v, 'viewers', 'the access list', parseViewer), revoked: list(v, 'revoked', 'the access list', String) };
    },
    async grant(id: string, email: string): Promise<void> {
      await apiFetch(`${rec(id)}/grants`, json('POST', { email }));
    },
    async removeGrant(id: string, email: string): Promise<void> {
      await apiFetch(`${rec(id)}/grants/${encodeURIComponent(email)}`, { method: 'DELETE' });
    },
    async revoke(id: string, email: string): Promise<number> {
      return num(fields(await apiFetch(`${rec(id)}/revocations`, json('POST', { email })), 'a revocation'), 'sessionsCut', 'a revocation');
    },
    async storage(): Promise<StorageSummary> {
      const what = 'the storage figures';
      const v: Fields = fields(await apiFetch('/api/storage'), what);
      return {
        usedBytes: num(v, 'usedBytes', what),
        capacityBytes: num(v, 'capacityBytes', what),
        quotaBytes: numOrNull(v, 'quotaBytes', what),
        freeBytes: num(v, 'freeBytes', what),
        safetyMarginBytes: num(v, 'safetyMarginBytes', what),
        alertThresholdRatio: num(v, 'alertThresholdRatio', what),
        retentionDays: num(v, 'retentionDays', what),
        meetings: list(v, 'meetings', what, (m) => {
          const f = fields(m, what);
          return { meetingId: str(f, 'meetingId', what), bytes: num(f, 'bytes', what), seconds: num(f, 'seconds', what) };
        }),
        costEstimate: parseCostEstimate(v['costEstimate']),
      };
    },
    async setRetention(days: 30 | 60 | 90): Promise<void> {
      await apiFetch('/api/settings/retention', json('PUT', { days }));
    },
    async alerts(): Promise<{ alerts: Alert[]; unread: number }> {
      const what = 'the alerts';
      const v = fields(await apiFetch('/api/alerts?limit=100'), what);
      return {
        unread: num(v, 'unread', what),
        alerts: list(v, 'alerts', what, (a) => {
          const f = fields(a, what);
          return { id: str(f, 'id', what), kind: str(f, 'kind', what), message: str(f, 'message', what), recordingId: strOrNull(f, 'recordingId', what), meetingId: strOrNull(f, 'meetingId', what), atMs: num(f, 'atMs', what), read: bool(f, 'read', what) };
        }),
      };
    },
    async markAlertRead(id: string): Promise<void> {
      await apiFetch(`/api/alerts/${encodeURIComponent(id)}/read`, { method: 'POST' });
    },
    async audit(filter: AuditFilter, after: number | null, limit = 50): Promise<{ entries: AuditEntry[]; next: number | null }> {
      const v = fields(await apiFetch(`/api/audit?${auditQuery(filter, limit, after)}`), 'the audit log');
      return { entries: list(v, 'entries', 'the audit log', parseAudit), next: numOrNull(v, 'next', 'the audit log') };
    },
    /**
     * A one-time link (60 s) to the decrypted recording as one file. Following it is a plain
     * navigation, so the browser streams the file to disk; the permission was checked already.
     */
    async downloadLink(id: string): Promise<string> {
      const what = 'a download link';
      return str(fields(await apiFetch(`${rec(id)}/download-links`, { method: 'POST' }), what), 'url', what);
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
