// The seeded demo accounts (emulator builds only). Imported solely behind USE_EMULATORS so a
// production build contains none of this.
import type { DemoAccount } from '../app/sign-in-model';

const PASSWORD = 'lecture-demo-2026';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@lecturevault.dev', name: 'Ada Okafor', role: 'admin', password: PASSWORD },
  { email: 'teacher1@lecturevault.dev', name: 'Dr. Meredith Grey', role: 'teacher', password: PASSWORD },
  { email: 'teacher2@lecturevault.dev', name: 'Dr. Gregory House', role: 'teacher', password: PASSWORD },
  { email: 'student1@lecturevault.dev', name: 'Sam Patel', role: 'student', password: PASSWORD },
  { email: 'student2@lecturevault.dev', name: 'Lina Chen', role: 'student', password: PASSWORD },
  { email: 'student3@lecturevault.dev', name: 'Omar Haddad', role: 'student', password: PASSWORD },
  { email: 'student4@lecturevault.dev', name: 'Eva Novak', role: 'student', password: PASSWORD },
  { email: 'student5@lecturevault.dev', name: 'Kofi Mensah', role: 'student', password: PASSWORD },
  { email: 'student6@lecturevault.dev', name: 'Rosa Diaz', role: 'student', password: PASSWORD },
];
