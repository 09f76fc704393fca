// A component whose code is a separate chunk, fetched the first time it renders.
import { signal } from '@preact/signals';
import type { ComponentType, FunctionComponent } from 'preact';
import { ErrorPanel, LoadingPanel } from './StatusPanels';

type LazyState<P> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly Component: ComponentType<P> }
  | { readonly kind: 'failed' };

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  loadingLabel: string,
): FunctionComponent<P> {
  const state = signal<LazyState<P>>({ kind: 'loading' });
  let started = false;

  return function LazyComponent(props: P) {
    if (!started) {
      started = true;
      load().then(
        (Component) => {
          state.value = { kind: 'ready', Component };
        },
        () => {
          state.value = { kind: 'failed' };
        },
      );
    }
    const current = state.value;
    if (current.kind === 'ready') return <current.Component {...props} />;
    if (current.kind === 'loading') return <LoadingPanel label={loadingLabel} />;
    // Usually a deploy replaced the chunk this page was built against.
    return (
      <ErrorPanel title="This page could not load" message="LectureVault may have been updated. Reload to continue.">
        <button type="button" class="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </ErrorPanel>
    );
  };
}
