// The admin's own second factors: the enrolled list, adding an authenticator app (a TOTP secret
// shown as a key and an otpauth:// URI, then confirmed with a code from the app) and removing one.
// The Firebase side is the lazy second-factor port; this model owns the steps and their words.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { FactorInfo, SecondFactorPort } from '../../api/second-factor-port';
import { createAuthTask } from '../../app/auth-task';
import {
  codeProblem,
  describeSecondFactorError,
  groupedSecret,
  normaliseCode,
  otpauthUri,
} from '../../app/second-factor-derive';

export interface PendingSetup {
  readonly secretKey: string;
  /** The key in groups of four, for typing by hand. */
  readonly groupedKey: string;
  readonly uri: string;
  readonly codeLength: number;
  readonly deadline: string;
}

export interface SecurityModel {
  readonly factors: ReadonlySignal<readonly FactorInfo[] | null>;
  readonly setup: ReadonlySignal<PendingSetup | null>;
  readonly code: ReadonlySignal<string>;
  readonly deviceName: ReadonlySignal<string>;
  readonly busy: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  /** What just happened, for the live region ("Authenticator app added."). */
  readonly notice: ReadonlySignal<string>;
  /** The factor whose removal awaits "Remove?" confirmation. */
  readonly confirmingRemoval: ReadonlySignal<string | null>;
  load(): Promise<void>;
  startSetup(): Promise<void>;
  cancelSetup(): void;
  setCode(value: string): void;
  setDeviceName(value: string): void;
  confirmSetup(): Promise<void>;
  askRemoval(uid: string | null): void;
  remove(uid: string): Promise<void>;
}

export interface SecurityDeps {
  readonly port: () => Promise<SecondFactorPort>;
  /** The account label in the authenticator app (the admin's email). */
  readonly account: string;
  readonly issuer: string;
  /** After a change of factors: the profile (and its banner) follows the new ID token. */
  readonly onChanged: () => Promise<void>;
}

export function createSecurityModel(deps: SecurityDeps): SecurityModel {
  const factors = signal<readonly FactorInfo[] | null>(null);
  const setup = signal<PendingSetup | null>(null);
  const code = signal('');
  const deviceName = signal('Authenticator app');
  const task = createAuthTask(describeSecondFactorError);
  const { busy, error } = task;
  const notice = signal('');
  const confirmingRemoval = signal<string | null>(null);
  let confirmTotp: ((code: string, name: string) => Promise<void>) | null = null;

  /** A step against the port; the enrolled list is read again after it. */
  const run = (work: (port: SecondFactorPort) => Promise<void>): Promise<void> =>
    task.run(async () => {
      const port = await deps.port();
      await work(port);
      factors.value = port.enrolled();
    });

  return {
    factors,
    setup,
    code,
    deviceName,
    busy,
    error,
    notice,
    confirmingRemoval,
    load: () => run(async () => undefined),
    startSetup: () =>
      run(async (port) => {
        const secret = await port.startTotp();
        confirmTotp = secret.confirm;
        batch(() => {
          code.value = '';
          setup.value = {
            secretKey: secret.secretKey,
            groupedKey: groupedSecret(secret.secretKey),
            uri: otpauthUri({
              secretKey: secret.secretKey,
              account: deps.account,
              issuer: deps.issuer,
              algorithm: secret.hashingAlgorithm,
              digits: secret.codeLength,
              periodSeconds: secret.intervalSeconds,
            }),
            codeLength: secret.codeLength,
            deadline: secret.deadline,
          };
          notice.value = 'Secret key ready. Add it to your authenticator app, then type the code it shows.';
        });
      }),
    cancelSetup() {
      confirmTotp = null;
      batch(() => {
        setup.value = null;
        error.value = null;
        code.value = '';
      });
    },
    setCode(value) {
      code.value = value;
    },
    setDeviceName(value) {
      deviceName.value = value;
    },
    async confirmSetup() {
      const pending = setup.value;
      const confirm = confirmTotp;
      if (!pending || !confirm) return;
      const typed = normaliseCode(code.value);
      const problem = codeProblem(typed, pending.codeLength);
      if (problem) {
        error.value = problem;
        return;
      }
      const name = deviceName.value.trim() || 'Authenticator app';
      await run(async () => {
        await confirm(typed, name);
        confirmTotp = null;
        batch(() => {
          setup.value = null;
          code.value = '';
          notice.value = `${name} added. You will be asked for its code each time you sign in.`;
        });
        await deps.onChanged();
      });
    },
    askRemoval(uid) {
      confirmingRemoval.value = uid;
    },
    remove: (uid) =>
      run(async (port) => {
        await port.unenroll(uid);
        batch(() => {
          confirmingRemoval.value = null;
          notice.value = 'Second factor removed.';
        });
        await deps.onChanged();
      }),
  };
}
