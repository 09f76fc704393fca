// Placeholder: being built.
import type { SectionProps } from './registry';

export function MeetingsSection(_props: SectionProps) {
  return <p class="muted">This section is being built.</p>;
}
