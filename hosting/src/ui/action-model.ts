// One behaviour for the console's actions (grant, revoke, delete, set expiry, mark read, save
// retention…): run it, announce what happened or the server's reason it did not, refresh what it
// changed, and tell which action is under way so its buttons can wait.
import { signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage } from './loader-model';

export interface ActionRunner {
  /** The label of the action under way, or null. */
  readonly busy: ReadonlySignal<string | null>;
  /** `action` resolves with the sentence to announce; a failure announces `failure`'s fallback. */
  run(label: string, action: () => Promise<string>, failure?: string): Promise<void>;
}

export function createActionRunner(announce: (message: string) => void, refresh: () => unknown): ActionRunner {
  const busy = signal<string | null>(null);
  return {
    busy,
    async run(label, action, failure = `Could not ${label}.`) {
      busy.value = label;
      try {
        announce(await action());
        await refresh();
      } catch (error) {
        announce(errorMessage(error, failure));
      } finally {
        busy.value = null;
      }
    },
  };
}
