// Signed-in header: brand, who is signed in (name + role), Sign out.
import { useSignal } from '@preact/signals';
import type { Profile } from '../api/me-api';
import { useApp } from '../context';
import { roleLabel } from '../models/nav-derive';

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
        <button type="button" class="button button-quiet" onClick={onSignOut} disabled={signingOut.value}>
          {signingOut.value ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </header>
  );
}
