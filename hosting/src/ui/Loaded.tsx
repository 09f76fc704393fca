// Renders a Loader: a spinner while loading, an error with "Try again", an empty state, or the content.
import type { ComponentChildren } from 'preact';
import type { Loader } from './loader-model';
import { EmptyPanel, ErrorPanel, LoadingPanel } from './StatusPanels';

export function Loaded<T>({
  loader,
  label,
  errorTitle,
  isEmpty,
  empty,
  children,
}: {
  loader: Loader<T>;
  label: string;
  errorTitle: string;
  isEmpty?: (value: T) => boolean;
  empty?: { title: string; text: string };
  children: (value: T) => ComponentChildren;
}) {
  const state = loader.state.value;
  if (state.kind === 'loading') return <LoadingPanel label={label} />;
  if (state.kind === 'error') {
    return (
      <ErrorPanel title={errorTitle} message={state.message}>
        <button type="button" class="button" onClick={() => loader.reload()}>
          Try again
        </button>
      </ErrorPanel>
    );
  }
  if (empty && isEmpty?.(state.value)) {
    return (
      <EmptyPanel title={empty.title}>
        <p class="muted">{empty.text}</p>
      </EmptyPanel>
    );
  }
  return <>{children(state.value)}</>;
}
