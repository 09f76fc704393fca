// The provider sign-in rule: the school's providers only, a verified email, a domain on the list.
import assert from 'node:assert/strict';
import {
  isProviderSignIn,
  parseSignInDomains,
  providerSignInRefusal,
} from '../../../../src/domain/access/school-sign-in';

describe('school account sign-in rule', () => {
  const allowed = parseSignInDomains(' School.edu, @staff.school.edu  *.evil.com not a domain ');

  it('reads SIGN_IN_DOMAINS: case, commas, spaces and a leading @ ignored; wildcards and junk dropped', () => {
    assert.deepEqual(allowed, ['school.edu', 'staff.school.edu']);
    assert.deepEqual(parseSignInDomains(''), []);
  });

  it('takes a verified address in an allowed domain from Google or Microsoft', () => {
    for (const provider of ['google.com', 'microsoft.com']) {
      assert.equal(providerSignInRefusal({ provider, email: 'Ana@School.EDU', emailVerified: true }, allowed), null);
    }
  });

  it('refuses an unverified email, a domain outside the list (exactly matched) and other providers', () => {
    const google = (email: string, emailVerified = true) => ({ provider: 'google.com', email, emailVerified });
    assert.equal(providerSignInRefusal(google('ana@school.edu', false), allowed), 'unverified');
    assert.equal(providerSignInRefusal({ provider: 'google.com', emailVerified: true }, allowed), 'unverified');
    assert.equal(providerSignInRefusal(google('ana@sub.school.edu'), allowed), 'domain');
    assert.equal(providerSignInRefusal(google('ana@school.edu.evil.com'), allowed), 'domain');
    assert.equal(providerSignInRefusal(google('ana@school.edu@evil.com'), allowed), 'domain');
    assert.equal(providerSignInRefusal(google('ana@school.edu'), []), 'domain');
    const github = { provider: 'github.com', email: 'ana@school.edu', emailVerified: true };
    assert.equal(providerSignInRefusal(github, allowed), 'provider');
  });

  it('leaves password and exchanged (custom) sign-ins to the usual checks', () => {
    assert.equal(isProviderSignIn({ provider: 'password', emailVerified: false }), false);
    assert.equal(isProviderSignIn({ provider: 'custom', emailVerified: false }), false);
    assert.equal(isProviderSignIn({ provider: 'microsoft.com', emailVerified: true }), true);
    assert.equal(isProviderSignIn({ provider: 'anonymous', emailVerified: false }), true);
  });
});
