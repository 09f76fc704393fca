// Placeholder: being built.
import type { SectionProps } from './registry';

export function StorageSection(_props: SectionProps) {
  return <p class="muted">This section is being built.</p>;
}
