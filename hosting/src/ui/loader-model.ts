// One loading behaviour for every list and dashboard: loading → ready | error, reload on demand,
// and a late answer from an earlier load never overwrites a newer one.
import { signal, type ReadonlySignal } from '@preact/signals';
import { ApiError } from '../api/http-api';

export type Load<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly value: T }
  | { readonly kind: 'error'; readonly message: string };

export interface Loader<T> {
  readonly state: ReadonlySignal<Load<T>>;
  /** Reloads; keeps showing the current value while it does (no flash of "loading"). */
  reload(): Promise<void>;
}

export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

export function createLoader<T>(
  fetch: () => Promise<T>,
  fallbackError = 'Could not load this. Please try again.',
): Loader<T> {
  const state = signal<Load<T>>({ kind: 'loading' });
  let generation = 0;
  async function reload(): Promise<void> {
    const mine = ++generation;
    if (state.value.kind === 'error') state.value = { kind: 'loading' };
    try {
      const value = await fetch();
      if (mine === generation) state.value = { kind: 'ready', value };
    } catch (error) {
      if (mine === generation) state.value = { kind: 'error', message: errorMessage(error, fallbackError) };
    }
  }
  void reload();
  return { state, reload };
}
