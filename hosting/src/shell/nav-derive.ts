// Pure role → navigation mapping for the home page.
import type { Role } from '../api/me-api';
import type { SectionId } from '../app/routes';

export interface NavItem {
  readonly section: SectionId;
  readonly label: string;
  /** What the section will hold, shown while it is still a placeholder. */
  readonly blurb: string;
}

const ITEMS: Readonly<Record<SectionId, NavItem>> = {
  recordings: {
    section: 'recordings',
    label: 'Recordings',
    blurb: 'Every lecture recording, its status and how long it is kept.',
  },
  access: {
    section: 'access',
    label: 'Access',
    blurb: 'Grant and revoke access to recordings, by person or by batch.',
  },
  storage: { section: 'storage', label: 'Storage', blurb: 'Storage used, the quota and the monthly cost.' },
  settings: {
    section: 'settings',
    label: 'Settings',
    blurb: 'How long recordings are kept, when playback pauses, the forensic watermark.',
  },
  alerts: { section: 'alerts', label: 'Alerts', blurb: 'Failed uploads, crashed recordings and storage warnings.' },
  audit: { section: 'audit', label: 'Audit log', blurb: 'Who watched, downloaded or changed what, and when.' },
  meetings: {
    section: 'meetings',
    label: 'Meetings',
    blurb: 'Live lecture rooms: join, and start or stop recording where you may.',
  },
  attendance: {
    section: 'attendance',
    label: 'Attendance',
    blurb: 'Who watched each recording and how much, and who was told it was recorded.',
  },
  captions: {
    section: 'captions',
    label: 'Captions',
    blurb: 'Upload, review and edit the captions and transcripts of each recording.',
  },
  library: { section: 'library', label: 'My library', blurb: 'The recorded lectures you can watch.' },
  trace: { section: 'trace', label: 'Trace a leak', blurb: 'Find whose copy a leaked video clip came from.' },
  security: {
    section: 'security',
    label: 'Security',
    blurb: 'Your second factor: the authenticator app that signing in asks for.',
  },
};

const BY_ROLE: Readonly<Record<Role, readonly SectionId[]>> = {
  admin: [
    'recordings',
    'meetings',
    'access',
    'attendance',
    'captions',
    'storage',
    'settings',
    'alerts',
    'audit',
    'trace',
    'security',
  ],
  teacher: ['meetings', 'recordings', 'attendance', 'captions'],
  student: ['library', 'meetings'],
};

export function navForRole(role: Role): readonly NavItem[] {
  return BY_ROLE[role].map((section) => ITEMS[section]);
}

/** The section to show: the requested one if the role has it, the role's first when none was asked. */
export function resolveSection(
  role: Role,
  requested: SectionId | null,
): { readonly kind: 'ok'; readonly item: NavItem } | { readonly kind: 'forbidden' } {
  const items = navForRole(role);
  const item = requested === null ? items[0] : items.find((candidate) => candidate.section === requested);
  return item ? { kind: 'ok', item } : { kind: 'forbidden' };
}

const ROLE_LABELS: Readonly<Record<Role, string>> = { admin: 'Admin', teacher: 'Teacher', student: 'Student' };

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}
