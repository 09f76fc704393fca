// The seeded demo world: who exists, which batches and meetings. Used by the seed script
// (emulator-data/) and by tests that need the same people. Demo project only.

export const DEMO_PASSWORD = 'lecture-demo-2026';

export interface DemoUser {
  uid: string;
  email: string;
  name: string;
  role: 'admin' | 'teacher' | 'student';
}

export const users = {
  admin: { uid: 'u-admin', email: 'admin@lecturevault.dev', name: 'Ada Okafor', role: 'admin' },
  teacher1: { uid: 'u-teacher1', email: 'teacher1@lecturevault.dev', name: 'Dr. Meredith Grey', role: 'teacher' },
  teacher2: { uid: 'u-teacher2', email: 'teacher2@lecturevault.dev', name: 'Dr. Gregory House', role: 'teacher' },
  student1: { uid: 'u-student1', email: 'student1@lecturevault.dev', name: 'Sam Patel', role: 'student' },
  student2: { uid: 'u-student2', email: 'student2@lecturevault.dev', name: 'Lina Chen', role: 'student' },
  student3: { uid: 'u-student3', email: 'student3@lecturevault.dev', name: 'Omar Haddad', role: 'student' },
  student4: { uid: 'u-student4', email: 'student4@lecturevault.dev', name: 'Eva Novak', role: 'student' },
  student5: { uid: 'u-student5', email: 'student5@lecturevault.dev', name: 'Kofi Mensah', role: 'student' },
  student6: { uid: 'u-student6', email: 'student6@lecturevault.dev', name: 'Rosa Diaz', role: 'student' },
} satisfies Record<string, DemoUser>;

export const batches = [
  { id: 'batch-cardio-2026', name: 'Cardiology 2026 A', members: ['u-student1', 'u-student2', 'u-student3'] },
  { id: 'batch-neuro-2026', name: 'Neurology 2026 B', members: ['u-student4', 'u-student5'] },
];

export const meetings = [
  {
    id: 'meeting-cardio-101',
    title: 'Cardiac cycle and heart sounds',
    roomName: 'cardio-101',
    batchId: 'batch-cardio-2026',
    teacherUid: 'u-teacher1',
    teacherCanDownload: true,
  },
  {
    id: 'meeting-neuro-201',
    title: 'Cranial nerves in practice',
    roomName: 'neuro-201',
    batchId: 'batch-neuro-2026',
    teacherUid: 'u-teacher2',
    teacherCanDownload: false,
  },
  {
    id: 'meeting-ethics-guest',
    title: 'Guest lecture: consent and capacity',
    roomName: 'ethics-guest',
    batchId: null,
    teacherUid: 'u-teacher1',
    teacherCanDownload: false,
  },
];

export const settings = {
  retentionDays: 90,
  storageCapacityBytes: 50 * 1024 ** 3,
  safetyMarginBytes: 2 * 1024 ** 3,
  alertThresholdRatio: 0.8,
};
