// Which component renders each home section. Every section is its own lazy chunk, so the first
// route carries only the shell and a role never downloads another role's console.
import type { FunctionComponent } from 'preact';
import type { SectionProps } from '../app/app-context';
import type { SectionId } from '../app/routes';
import { lazyComponent } from '../ui/lazy-component';

const loading = 'Loading…';

export const SECTIONS: Readonly<Record<SectionId, FunctionComponent<SectionProps>>> = {
  recordings: lazyComponent(
    () => import('../features/recordings/RecordingsSection').then((m) => m.RecordingsSection),
    loading,
  ),
  access: lazyComponent(() => import('../features/access/AccessSection').then((m) => m.AccessSection), loading),
  storage: lazyComponent(() => import('../features/storage/StorageSection').then((m) => m.StorageSection), loading),
  settings: lazyComponent(() => import('../features/settings/SettingsSection').then((m) => m.SettingsSection), loading),
  alerts: lazyComponent(() => import('../features/alerts/AlertsSection').then((m) => m.AlertsSection), loading),
  audit: lazyComponent(() => import('../features/audit/AuditSection').then((m) => m.AuditSection), loading),
  attendance: lazyComponent(
    () => import('../features/attendance/AttendanceSection').then((m) => m.AttendanceSection),
    loading,
  ),
  captions: lazyComponent(() => import('../features/captions/CaptionsSection').then((m) => m.CaptionsSection), loading),
  meetings: lazyComponent(() => import('../features/meeting/MeetingsSection').then((m) => m.MeetingsSection), loading),
  library: lazyComponent(() => import('../features/library/LibrarySection').then((m) => m.LibrarySection), loading),
  trace: lazyComponent(() => import('../features/trace/TraceSection').then((m) => m.TraceSection), loading),
  security: lazyComponent(() => import('../features/security/SecuritySection').then((m) => m.SecuritySection), loading),
};
