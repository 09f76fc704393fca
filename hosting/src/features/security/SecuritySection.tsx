// Security (admins): the second factors on the admin's own account. Adding an authenticator app
// shows the secret key and its otpauth:// URI as text (no QR code: drawing one would need a new
// dependency), then asks for a code from the app to confirm; each factor can be removed.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import '../../ui/console.css';
import './security.css';
import { useApp, type SectionProps } from '../../app/app-context';
import { factorLabel } from '../../app/second-factor-derive';
import { formatDate } from '../../ui/format-derive';
import { Spinner } from '../../ui/StatusPanels';
import { createSecurityModel } from './security-model';

export function SecuritySection({ profile }: SectionProps) {
  const { session, secondFactor } = useApp();
  const model = useMemo(
    () =>
      createSecurityModel({
        port: secondFactor,
        account: profile.email,
        issuer: 'LectureVault',
        onChanged: () => session.refreshProfile(),
      }),
    [secondFactor, profile.email, session],
  );
  useEffect(() => void model.load(), [model]);
  const codeRef = useRef<HTMLInputElement>(null);
  const factors = model.factors.value;
  const setup = model.setup.value;
  const busy = model.busy.value;
  const error = model.error.value;
  const confirming = model.confirmingRemoval.value;

  useLayoutEffect(() => {
    if (setup) codeRef.current?.focus();
  }, [setup]);

  return (
    <div class="security">
      <p class="announce" role="status" aria-live="polite">
        {model.notice.value}
      </p>
      <h2 class="security-heading">Second factors</h2>
      <p class="muted">
        With a second factor, signing in asks for a 6-digit code from an app on your phone as well as your password.
        When the project requires it, admin actions are refused without one.
      </p>
      {factors === null ? (
        <p class="muted">{busy ? 'Loading…' : null}</p>
      ) : factors.length === 0 ? (
        <p>
          <strong>No second factor yet.</strong>
        </p>
      ) : (
        <ul class="card-list factor-list">
          {factors.map((factor) => (
            <li key={factor.uid} class="factor-item">
              <div>
                <strong>{factorLabel(factor)}</strong>
                {Number.isFinite(Date.parse(factor.enrolledAt)) ? (
                  <div class="muted">Added {formatDate(Date.parse(factor.enrolledAt))}</div>
                ) : null}
              </div>
              {confirming === factor.uid ? (
                <span class="confirm">
                  <span>Remove?</span>
                  <button
                    type="button"
                    class="button button-small button-danger"
                    disabled={busy}
                    onClick={() => void model.remove(factor.uid)}
                  >
                    Remove
                  </button>
                  <button type="button" class="button button-small" onClick={() => model.askRemoval(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  class="button button-small"
                  aria-label={`Remove ${factorLabel(factor)}`}
                  onClick={() => model.askRemoval(factor.uid)}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && !setup ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {setup ? (
        <section class="totp-setup" aria-labelledby="totp-setup-title">
          <h3 id="totp-setup-title">Add an authenticator app</h3>
          <ol class="totp-steps">
            <li>
              In your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…), add an account by
              entering a setup key:
              <dl class="totp-secret">
                <dt>Account</dt>
                <dd>{profile.email}</dd>
                <dt>Key</dt>
                <dd>
                  <code class="secret-key" aria-label={`Key ${setup.secretKey.split('').join(' ')}`}>
                    {setup.groupedKey}
                  </code>
                </dd>
                <dt>Type</dt>
                <dd>Time-based, {setup.codeLength} digits</dd>
              </dl>
              <details class="totp-uri">
                <summary>Setup link (otpauth://) for apps that accept one</summary>
                <code class="uri">{setup.uri}</code>
              </details>
            </li>
            <li>
              <form
                class="form"
                noValidate
                aria-busy={busy}
                onSubmit={(event) => {
                  event.preventDefault();
                  void model.confirmSetup();
                }}
              >
                <div class="field">
                  <label for="totp-code">Code the app shows now ({setup.codeLength} digits)</label>
                  <input
                    ref={codeRef}
                    id="totp-code"
                    class="code-input"
                    type="text"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    spellcheck={false}
                    maxLength={9}
                    value={model.code.value}
                    onInput={(event) => model.setCode(event.currentTarget.value)}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? 'totp-error' : undefined}
                  />
                </div>
                <div class="field">
                  <label for="totp-name">Name for this app</label>
                  <input
                    id="totp-name"
                    type="text"
                    maxLength={60}
                    value={model.deviceName.value}
                    onInput={(event) => model.setDeviceName(event.currentTarget.value)}
                  />
                </div>
                {error ? (
                  <p id="totp-error" class="form-error" role="alert">
                    {error}
                  </p>
                ) : null}
                <div class="actions">
                  <button type="submit" class="button button-primary" disabled={busy}>
                    {busy ? (
                      <>
                        <Spinner /> Checking…
                      </>
                    ) : (
                      'Confirm'
                    )}
                  </button>
                  <button type="button" class="button" onClick={() => model.cancelSetup()}>
                    Cancel
                  </button>
                </div>
              </form>
            </li>
          </ol>
          <p class="muted">Confirm before {formatDate(Date.parse(setup.deadline))}; after that, start again.</p>
        </section>
      ) : (
        <div class="actions">
          <button type="button" class="button button-primary" disabled={busy} onClick={() => void model.startSetup()}>
            {busy ? (
              <>
                <Spinner /> Working…
              </>
            ) : (
              'Add an authenticator app'
            )}
          </button>
        </div>
      )}
      <h2 class="security-heading">Lost your phone?</h2>
      <p class="muted">
        Ask another admin or your platform team to remove your second factor (LectureVault's docs/admin-mfa.md says
        how); then sign in with your password and add a new app here.
      </p>
    </div>
  );
}
