import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  signCookie,
  signSegment,
  urlSigningKey,
  verifyCookie,
  verifySegment,
} from '../../../../src/domain/playback/url-signing';

const key = urlSigningKey(randomBytes(32));
const NOW = 1_800_000_000_000;

describe('segment URL signatures', () => {
  const exp = NOW + 60_000;
  const sig = signSegment(key, 'sess-a', 7, exp);

  it('verify for the session, segment and expiry they were made for', () => {
    assert.equal(verifySegment(key, 'sess-a', 7, exp, sig, NOW), true);
  });

  it('refuse another session, another segment, a changed expiry, a late request or another key', () => {
    assert.equal(verifySegment(key, 'sess-b', 7, exp, sig, NOW), false);
    assert.equal(verifySegment(key, 'sess-a', 8, exp, sig, NOW), false);
    assert.equal(verifySegment(key, 'sess-a', 7, exp + 3_600_000, sig, NOW), false);
    assert.equal(verifySegment(key, 'sess-a', 7, exp, sig, exp), false);
    assert.equal(verifySegment(urlSigningKey(randomBytes(32)), 'sess-a', 7, exp, sig, NOW), false);
    assert.equal(verifySegment(key, 'sess-a', 7, exp, sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A'), NOW), false);
  });
});

describe('playback cookies', () => {
  it('bind a session to a user until they expire', () => {
    const cookie = signCookie(key, 'sess-a', 'u-1', NOW + 1000);
    assert.deepEqual(verifyCookie(key, cookie, NOW), { sessionId: 'sess-a', uid: 'u-1' });
    assert.equal(verifyCookie(key, cookie, NOW + 1000), null);
    assert.equal(verifyCookie(key, cookie.replace('u-1', 'u-2'), NOW), null);
    assert.equal(verifyCookie(key, 'garbage', NOW), null);
  });
});
