// "Request access": which refusals offer it, and what the student reads after asking.
import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/http-api';
import {
  REQUEST_SENT_TEXT,
  REQUESTABLE_REFUSALS,
  requestAccessStatusText,
  requestFailureText,
} from '../../src/ui/request-access-derive';

describe('request access', () => {
  it('is offered on the refusals a grant lifts, not on expired, missing or replaced ones', () => {
    assert.deepEqual([...REQUESTABLE_REFUSALS].sort(), ['no-access', 'revoked']);
  });

  it('says sent, sending, or why it did not go, and nothing before a click', () => {
    assert.equal(requestAccessStatusText({ kind: 'idle' }), '');
    assert.equal(requestAccessStatusText({ kind: 'sending' }), 'Sending your request…');
    assert.equal(requestAccessStatusText({ kind: 'sent' }), REQUEST_SENT_TEXT);
    assert.match(
      requestFailureText(new ApiError(429, 'rate-limited', 'Too many requests. Try again in 3599 s.')),
      /several requests/,
    );
    assert.match(requestFailureText(new ApiError(0, 'network', 'offline')), /offline/);
    assert.match(requestFailureText(new Error('boom')), /Could not send the request/);
  });
});
