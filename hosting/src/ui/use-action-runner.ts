// A section's action runner: announcements go to `message` (shown in an aria-live line), and each
// successful action reloads the section's loader. A row that needs its own runner (its own busy
// state, like each row of the Recordings table) builds it from `announce` and `refresh`, which stay
// stable across renders, so the row keeps its runner.
import { useSignal, type Signal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { createActionRunner, type ActionRunner } from './action-model';
import type { Loader } from './loader-model';

export interface SectionActions {
  readonly message: Signal<string>;
  readonly actions: ActionRunner;
  readonly announce: (text: string) => void;
  readonly refresh: () => unknown;
}

export function useActionRunner(loader: Loader<unknown>): SectionActions {
  const message = useSignal('');
  return useMemo(() => {
    const announce = (text: string) => void (message.value = text);
    const refresh = () => loader.reload();
    return { message, actions: createActionRunner(announce, refresh), announce, refresh };
  }, [loader, message]);
}
