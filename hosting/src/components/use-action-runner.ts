// A section's action runner: announcements go to `message` (shown in an aria-live line), and each
// successful action reloads the section's loader.
import { useSignal, type Signal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { createActionRunner, type ActionRunner } from '../models/action-model';
import type { Loader } from '../models/loader-model';

export function useActionRunner(loader: Loader<unknown>): { readonly message: Signal<string>; readonly actions: ActionRunner } {
  const message = useSignal('');
  const actions = useMemo(() => createActionRunner((text) => (message.value = text), () => loader.reload()), [loader, message]);
  return { message, actions };
}
