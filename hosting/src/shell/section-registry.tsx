// Which component renders each home section. Every section is its own lazy chunk, so the first
// route carries only the shell and a role never downloads another role's console.
import type { FunctionComponent } from 'preact';
import type { Profile } from '../api/me-api';
import { lazyComponent } from '../components/lazy-component';
import type { SectionId } from '../models/routes';

export interface SectionProps {
  readonly profile: Profile;
}

const loading = 'Loading…';

export const SECTIONS: Readonly<Record<SectionId, FunctionComponent<SectionProps>>> = {
  recordings: lazyComponent(() => import('./RecordingsSection').then((m) => m.RecordingsSection), loading),
  access: lazyComponent(() => import('./AccessSection').then((m) => m.AccessSection), loading),
  storage: lazyComponent(() => import('./StorageSection').then((m) => m.StorageSection), loading),
  alerts: lazyComponent(() => import('./AlertsSection').then((m) => m.AlertsSection), loading),
  audit: lazyComponent(() => import('./AuditSection').then((m) => m.AuditSection), loading),
  attendance: lazyComponent(() => import('./AttendanceSection').then((m) => m.AttendanceSection), loading),
  meetings: lazyComponent(() => import('./MeetingsSection').then((m) => m.MeetingsSection), loading),
  library: lazyComponent(() => import('./LibrarySection').then((m) => m.LibrarySection), loading),
  trace: lazyComponent(() => import('./TraceSection').then((m) => m.TraceSection), loading),
};
