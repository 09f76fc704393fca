import assert from 'node:assert/strict';
import { accessRequestKey, accessRequestMessage, grantWouldHelp } from '../../../../src/domain/access/access-request';

describe('"Request access": what becomes an alert, and its words', () => {
  it('only a refusal a grant lifts (no access, revoked) is worth an admin’s time', () => {
    assert.equal(grantWouldHelp({ allow: false, why: 'no-access' }), true);
    assert.equal(grantWouldHelp({ allow: false, why: 'revoked' }), true);
    for (const why of ['not-found', 'not-playable', 'expired', 'not-enrolled', 'signed-out'] as const)
      assert.equal(grantWouldHelp({ allow: false, why }), false, why);
    assert.equal(grantWouldHelp({ allow: true, via: 'batch' }), false);
  });

  it('keeps one request per student and recording, and one for the library', () => {
    assert.equal(accessRequestKey('u-1', 'rec-a'), 'access-request_u-1_rec-a');
    assert.equal(accessRequestKey('u-1', null), 'access-request_u-1_library');
    assert.notEqual(accessRequestKey('u-1', 'rec-a'), accessRequestKey('u-2', 'rec-a'));
  });

  it('names the student and the lecture (the meeting only when the title is not the meeting’s own)', () => {
    const who = { name: 'Sam Patel', maskedEmail: 's******1@school.edu' };
    assert.equal(
      accessRequestMessage(who, { title: 'Lecture 3 · 4 Dec', meetingTitle: 'Cardiology' }),
      'Sam Patel (s******1@school.edu) asks for access to “Lecture 3 · 4 Dec” of “Cardiology”.',
    );
    assert.equal(
      accessRequestMessage(who, { title: 'Cardiology', meetingTitle: 'Cardiology' }),
      'Sam Patel (s******1@school.edu) asks for access to “Cardiology”.',
    );
    assert.match(accessRequestMessage({ ...who, name: '' }, null), /^A student \(s\*+1@school\.edu\) has no lectures/);
  });
});
