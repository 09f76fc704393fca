// A recording's title and description in its Recordings row, and their editor (admins and the
// meeting's teacher, who are the ones shown this section; the server checks and audits it): the
// library's card and the player show what is saved here.
import { useSignal } from '@preact/signals';
import type { RecordingSummary } from '../../api/recordings-api';
import { useApp } from '../../app/app-context';
import type { ActionRunner } from '../../ui/action-model';
import './recordings.css';

export function RecordingTitle({ recording, runner }: { recording: RecordingSummary; runner: ActionRunner }) {
  const api = useApp().api.recordings;
  const editing = useSignal(false);
  const title = useSignal(recording.title);
  const description = useSignal(recording.description ?? '');
  const fieldId = `details-${recording.id}`;
  if (!editing.value)
    return (
      <div class="recording-title">
        <strong>{recording.title}</strong>
        {recording.description ? <span class="muted">{recording.description}</span> : null}
        <button
          type="button"
          class="button button-small"
          aria-label={`Edit title: ${recording.title}`}
          onClick={() => {
            title.value = recording.title;
            description.value = recording.description ?? '';
            editing.value = true;
          }}
        >
          Edit title
        </button>
      </div>
    );
  return (
    <form
      class="details-form stacked-form"
      aria-label={`Title and description of ${recording.title}`}
      onSubmit={(event) => {
        event.preventDefault();
        void runner.run(
          'save the details',
          async () => {
            await api.setDetails(recording.id, { title: title.value, description: description.value });
            editing.value = false;
            return `Saved the title “${title.value.trim()}”.`;
          },
          'Could not save the title and description.',
        );
      }}
    >
      <label for={`${fieldId}-title`}>
        Title
        <input
          id={`${fieldId}-title`}
          required
          maxLength={200}
          value={title.value}
          onInput={(e) => (title.value = (e.target as HTMLInputElement).value)}
        />
      </label>
      <label for={`${fieldId}-description`}>
        Description
        <textarea
          id={`${fieldId}-description`}
          maxLength={2000}
          rows={3}
          value={description.value}
          onInput={(e) => (description.value = (e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <div class="actions">
        <button type="submit" class="button button-primary button-small" disabled={runner.busy.value !== null}>
          Save
        </button>
        <button type="button" class="button button-small" onClick={() => (editing.value = false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
