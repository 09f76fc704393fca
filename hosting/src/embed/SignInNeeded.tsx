// The state of a widget whose host page gives it no token: nobody is signed in on the platform
// (or the token was refused). The widget cannot sign anyone in itself, by design.
export function SignInNeeded({ what, detail }: { what: string; detail?: string }) {
  return (
    <div class="lv-signin" role="status">
      <p>
        <strong>Sign in on the platform</strong> to see {what}.
      </p>
      {detail ? <p class="muted">{detail}</p> : null}
    </div>
  );
}
