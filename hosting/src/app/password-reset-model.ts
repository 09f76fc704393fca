// Password reset by email: asking for the link (the same answer whether or not an account uses the
// address) and, when the page was opened from the link (?mode=resetPassword&oobCode=…, the mail's
// action URL; docs/production.md), setting the new password with its code.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { AuthPort } from '../api/auth-port';
import { createAuthTask } from './auth-task';
import { describeAuthError } from './session-derive';

/** closed: the sign-in form; request/sent: asking for the mail; set/done: the link's new-password form. */
export type ResetView = 'closed' | 'request' | 'sent' | 'set' | 'done';

/** One answer for every address: which ones have accounts is nobody's business. */
export const RESET_SENT =
  'If an account uses that address, we have sent it a link to set a new password. Check your mail.';

/** The reset code of a page opened from the mail's link; null for any other page. */
export function resetCodeFrom(search: string): string | null {
  const query = new URLSearchParams(search);
  const code = query.get('oobCode');
  return query.get('mode') === 'resetPassword' && code ? code : null;
}

export interface PasswordResetModel {
  readonly view: ReadonlySignal<ResetView>;
  readonly busy: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  /** The account whose password was just set (view 'done'). */
  readonly doneEmail: ReadonlySignal<string | null>;
  open(): void;
  close(): void;
  request(email: string): Promise<void>;
  setPassword(newPassword: string): Promise<void>;
}

export function createPasswordResetModel(
  port: Pick<AuthPort, 'sendPasswordReset' | 'resetPassword'>,
  code: string | null,
  /** Called once the code is used (or given up): the page forgets the link's query. */
  forgetCode: () => void = () => undefined,
): PasswordResetModel {
  const view = signal<ResetView>(code ? 'set' : 'closed');
  const doneEmail = signal<string | null>(null);
  const { busy, error, run } = createAuthTask(describeAuthError);

  return {
    view,
    busy,
    error,
    doneEmail,
    open() {
      batch(() => {
        view.value = 'request';
        error.value = null;
      });
    },
    close() {
      if (view.value === 'set' || view.value === 'done') forgetCode();
      batch(() => {
        view.value = 'closed';
        error.value = null;
      });
    },
    request: (email) =>
      run(async () => {
        await port.sendPasswordReset(email.trim());
        view.value = 'sent';
      }),
    setPassword: (newPassword) =>
      run(async () => {
        if (!code) return;
        const email = await port.resetPassword(code, newPassword);
        forgetCode();
        batch(() => {
          doneEmail.value = email;
          view.value = 'done';
        });
      }),
  };
}
