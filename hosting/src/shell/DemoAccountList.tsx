// Emulator builds only: the seeded accounts; choosing one fills the sign-in form.
import { roleLabel } from './nav-derive';
import type { DemoAccount } from '../app/sign-in-model';

export function DemoAccountList({
  accounts,
  onPick,
}: {
  accounts: readonly DemoAccount[];
  onPick: (account: DemoAccount) => void;
}) {
  if (accounts.length === 0) return null;
  return (
    <section class="demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">Demo accounts</h2>
      <p class="hint">
        Emulator build. Every account uses the password <code>{accounts[0]?.password}</code>. Choose one to fill the
        form.
      </p>
      <ul>
        {accounts.map((account) => (
          <li key={account.email}>
            <button type="button" class="demo-account" onClick={() => onPick(account)}>
              <span class="demo-name">{account.name}</span>
              <span class={`role-badge role-${account.role}`}>{roleLabel(account.role)}</span>
              <span class="demo-email">{account.email}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
