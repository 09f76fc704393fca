// Shared loading / error / empty states, and the announcement line of a section's actions.
import type { ReadonlySignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';

export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

export function LoadingPanel({ label }: { label: string }) {
  return (
    <div class="panel status-panel" role="status" aria-live="polite">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

export function ErrorPanel({
  title,
  message,
  children,
}: {
  title: string;
  message: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="panel error-panel" role="alert">
      <h1 class="panel-title">{title}</h1>
      <p>{message}</p>
      {children ? <div class="actions">{children}</div> : null}
    </div>
  );
}

export function EmptyPanel({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-panel">
      <p class="empty-title">{title}</p>
      {children}
    </div>
  );
}

/** The polite live line where a section's action runner announces what happened. */
export function Announcement({ message }: { message: ReadonlySignal<string> }) {
  return (
    <p class="announce" role="status" aria-live="polite">
      {message.value}
    </p>
  );
}
