// "Request access": the next step wherever a student meets a recording they may not watch (the
// player's refusal, a deep link to it) or an empty library. One button that asks the admins
// (POST /api/access-requests), then one polite line that says it was sent; focus moves to that
// line, since the button it replaces is gone.
import { useSignal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { requestAccessStatusText, requestFailureText, type RequestAccessState } from './request-access-derive';

export function RequestAccess({ request, label = 'Request access' }: { request: () => Promise<void>; label?: string }) {
  const state = useSignal<RequestAccessState>({ kind: 'idle' });
  const statusRef = useRef<HTMLParagraphElement>(null);
  const current = state.value;
  useLayoutEffect(() => {
    if (current.kind === 'sent') statusRef.current?.focus();
  }, [current.kind]);
  const send = async () => {
    state.value = { kind: 'sending' };
    try {
      await request();
      state.value = { kind: 'sent' };
    } catch (error) {
      state.value = { kind: 'failed', text: requestFailureText(error) };
    }
  };
  return (
    <div class="request-access">
      {current.kind === 'sent' ? null : (
        <button
          type="button"
          class="button button-primary"
          disabled={current.kind === 'sending'}
          onClick={() => void send()}
        >
          {label}
        </button>
      )}
      <p class="request-access-status" role="status" aria-live="polite" tabIndex={-1} ref={statusRef}>
        {requestAccessStatusText(current)}
      </p>
    </div>
  );
}
