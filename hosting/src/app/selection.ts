// The recording the admin is working on, shared by the Recordings, Access and Attendance sections
// (through ui/PerRecording.tsx) so "Manage access" opens the Access section on that recording.
import { signal } from '@preact/signals';

export const selectedRecordingId = signal<string | null>(null);
