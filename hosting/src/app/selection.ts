// The recording the admin is working on, shared by the Recordings, Access and Attendance sections
// (through ui/PerRecording.tsx) so "Manage access" opens the Access section on that recording.
import { signal } from '@preact/signals';

export const selectedRecordingId = signal<string | null>(null);

/**
 * The student an access request was from, when the admin answers it from the alerts inbox: the
 * Access section puts their email in its grant field (and clears this), so granting is one click.
 */
export const grantCandidateUid = signal<string | null>(null);
