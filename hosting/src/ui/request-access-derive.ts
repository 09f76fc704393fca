// Pure rules of "Request access" (ui/RequestAccess.tsx): which refusals offer it, and what the
// student is told after asking. The server answers every accepted request alike, so "sent" is all
// there is to say; a refusal of the request itself (too many, offline) is said as such.
import { ApiError } from '../api/http-api';

/** The player's refusals a grant lifts: these offer "Request access" (not "expired", "not found"…). */
export const REQUESTABLE_REFUSALS: ReadonlySet<string> = new Set(['no-access', 'revoked']);

export type RequestAccessState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'sent' }
  | { readonly kind: 'failed'; readonly text: string };

export const REQUEST_SENT_TEXT = 'Request sent. An admin has been told and can give you access.';

/** The line shown after a request that did not go through. */
export function requestFailureText(error: unknown): string {
  if (error instanceof ApiError && error.status === 429)
    return 'You have sent several requests in the last hour. Please try again later.';
  if (error instanceof ApiError && error.status === 0) return 'You seem to be offline. Please try again.';
  return 'Could not send the request. Please try again.';
}

export function requestAccessStatusText(state: RequestAccessState): string {
  if (state.kind === 'sending') return 'Sending your request…';
  if (state.kind === 'sent') return REQUEST_SENT_TEXT;
  if (state.kind === 'failed') return state.text;
  return '';
}
