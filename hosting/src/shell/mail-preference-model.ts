// The signed-in user's mail opt-out (PUT /api/me/mail): shown at once when toggled, put back with a
// readable error when the server refuses, and a late answer never overrides a newer toggle.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { Role } from '../api/me-api';
import { errorMessage } from '../ui/loader-model';

/** What the checkbox says for a role, or null when LectureVault mails that role nothing. */
export function mailPreferenceLabel(role: Role): string | null {
  // Students get "a new lecture is ready", admins the alerts (services/notifications/notifications.ts); teachers nothing.
  if (role === 'student') return 'Email me when a new lecture is ready';
  if (role === 'admin') return 'Email me alerts';
  return null;
}

export interface MailPreferenceModel {
  readonly enabled: ReadonlySignal<boolean>;
  readonly saving: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  set(enabled: boolean): Promise<void>;
}

export function createMailPreferenceModel(
  initial: boolean,
  save: (enabled: boolean) => Promise<boolean>,
): MailPreferenceModel {
  const enabled = signal(initial);
  const saving = signal(false);
  const error = signal<string | null>(null);
  // The value the server last confirmed, to fall back to; and a counter so only the newest answer counts.
  let confirmed = initial;
  let latest = 0;

  return {
    enabled,
    saving,
    error,
    async set(next) {
      const mine = ++latest;
      enabled.value = next;
      error.value = null;
      saving.value = true;
      try {
        const stored = await save(next);
        if (mine !== latest) return;
        confirmed = stored;
        enabled.value = stored;
      } catch (failure) {
        if (mine !== latest) return;
        enabled.value = confirmed;
        error.value = errorMessage(failure, 'Could not save your mail setting.');
      } finally {
        if (mine === latest) saving.value = false;
      }
    },
  };
}
