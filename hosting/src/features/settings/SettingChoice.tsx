// One setting as a labelled choice and its Save button (disabled until the choice changes).
import { useSignal } from '@preact/signals';

export function SettingChoice<T extends string>({
  label,
  choices,
  current,
  saveLabel,
  onSave,
}: {
  label: string;
  choices: Readonly<Record<T, string>>;
  current: T;
  saveLabel: string;
  onSave: (choice: T) => Promise<void>;
}) {
  const choice = useSignal<T>(current);
  const busy = useSignal(false);
  return (
    <form
      class="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        busy.value = true;
        await onSave(choice.value);
        busy.value = false;
      }}
    >
      <label>
        {label}
        <select value={choice.value} onChange={(e) => (choice.value = (e.target as HTMLSelectElement).value as T)}>
          {(Object.keys(choices) as T[]).map((value) => (
            <option key={value} value={value}>
              {choices[value]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        class="button button-primary button-small"
        disabled={busy.value || choice.value === current}
      >
        {saveLabel}
      </button>
    </form>
  );
}
