// Signed-in header: brand, who is signed in (name + role), their mail choice, Sign out.
import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import type { Profile } from '../api/me-api';
import { useApp } from '../app/app-context';
import { createMailPreferenceModel, mailPreferenceLabel } from './mail-preference-model';
import { roleLabel } from './nav-derive';

/** The opt-out where every signed-in user finds it (the lecture-ready mail links here too). */
function MailPreference({ profile }: { profile: Profile }) {
  const { me } = useApp().api;
  const model = useMemo(
    () => createMailPreferenceModel(profile.mailEnabled, (enabled) => me.saveMailEnabled(enabled)),
    [me, profile.uid, profile.mailEnabled],
  );
  const label = mailPreferenceLabel(profile.role);
  if (!label) return null;
  return (
    <span class="mail-pref">
      <label>
        <input
          type="checkbox"
          checked={model.enabled.value}
          disabled={model.saving.value}
          onChange={(e) => void model.set((e.target as HTMLInputElement).checked)}
        />
        {label}
      </label>
      {model.error.value ? (
        <span class="mail-pref-error" role="alert">
          {model.error.value}
        </span>
      ) : null}
    </span>
  );
}

export function AppHeader({ profile }: { profile: Profile }) {
  const { signOut } = useApp();
  const signingOut = useSignal(false);

  async function onSignOut() {
    signingOut.value = true;
    try {
      await signOut();
    } finally {
      signingOut.value = false;
    }
  }

  return (
    <header class="app-header">
      <a class="brand" href="#/">
        <span class="brand-mark" aria-hidden="true" />
        LectureVault
      </a>
      <div class="who">
        <span class="who-id">
          <span class="who-name">{profile.name}</span>
          <span class={`role-badge role-${profile.role}`}>{roleLabel(profile.role)}</span>
        </span>
        <MailPreference profile={profile} />
        <button type="button" class="button button-quiet" onClick={onSignOut} disabled={signingOut.value}>
          {signingOut.value ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </header>
  );
}
