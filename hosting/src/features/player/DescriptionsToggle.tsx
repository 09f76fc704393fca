// "Read descriptions aloud": shown when the recording has a description track and the browser can
// speak; pressed, each description is read as playback reaches it (descriptions.ts).
import type { DescriptionsReader } from './descriptions';

export function DescriptionsToggle({ reader }: { reader: DescriptionsReader }) {
  if (!reader.available.value) return null;
  return (
    <button
      type="button"
      class="button descriptions-toggle"
      aria-pressed={reader.on.value}
      onClick={() => reader.toggle()}
    >
      Read descriptions aloud
    </button>
  );
}
