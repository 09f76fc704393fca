// The email field of the sign-in and password-reset forms: one set of attributes for a username
// field (the password manager's key), so the two forms cannot drift.
import type { Ref } from 'preact';

export function EmailField({
  id,
  value,
  onInput,
  inputRef,
  errorId,
}: {
  id: string;
  value?: string;
  onInput?: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  /** The form's error line, when it shows one. */
  errorId: string | null;
}) {
  return (
    <div class="field">
      <label for={id}>Email</label>
      <input
        ref={inputRef}
        id={id}
        name="email"
        type="email"
        inputMode="email"
        autoComplete="username"
        autoCapitalize="none"
        spellcheck={false}
        required
        value={value}
        onInput={onInput ? (event) => onInput(event.currentTarget.value) : undefined}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId ?? undefined}
      />
    </div>
  );
}
