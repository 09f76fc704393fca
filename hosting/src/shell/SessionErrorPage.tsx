// Signed in to Firebase, but the profile could not be loaded: retry or sign out.
import { ErrorPanel } from '../ui/StatusPanels';
import { useApp } from '../app/app-context';

export function SessionErrorPage() {
  const { session, signOut } = useApp();
  return (
    <main class="centered">
      <ErrorPanel
        title="Could not load your account"
        message={session.error.value ?? 'Something went wrong while loading your account.'}
      >
        <button type="button" class="button button-primary" onClick={() => session.retryProfile()}>
          Try again
        </button>
        <button type="button" class="button button-quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </ErrorPanel>
    </main>
  );
}
