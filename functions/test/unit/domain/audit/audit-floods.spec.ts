import assert from 'node:assert/strict';
import { FLOOD_WINDOW_MS, floodKind, type Refusal } from '../../../../src/domain/audit/audit-floods';

const NOW = Date.UTC(2026, 10, 24, 9, 3);
const anon: Refusal = {
  uid: 'anonymous',
  ip: '203.0.113.7',
  action: 'key',
  outcome: 'denied',
  reason: 'x (session abc)',
};
const student: Refusal = {
  uid: 'u-s1',
  ip: '198.51.100.2',
  action: 'watch',
  outcome: 'denied',
  recordingId: 'r1',
  reason: 'no-access',
};
const id = (r: Refusal, at = NOW) => floodKind(r, at)?.counterId;

describe('which refusals are counted together', () => {
  it('never counts an ok outcome', () => {
    assert.equal(floodKind({ ...student, outcome: 'ok' }, NOW), null);
  });

  it('counts anonymous refusals per action and network, whatever session or address in it they try', () => {
    assert.equal(id({ ...anon, reason: 'y (session def)', ip: '203.0.113.99' }), id(anon));
    assert.equal(floodKind(anon, NOW)?.network, '203.0.113.x');
    assert.notEqual(id({ ...anon, ip: '203.0.114.7' }), id(anon));
    assert.notEqual(id({ ...anon, action: 'playlist' }), id(anon));
  });

  it("collapses only an account's exact repeats", () => {
    assert.equal(id({ ...student, ip: '192.0.2.1' }), id(student));
    assert.notEqual(id({ ...student, recordingId: 'r2' }), id(student));
    assert.notEqual(id({ ...student, reason: 'revoked' }), id(student));
    assert.notEqual(id({ ...student, uid: 'u-s2' }), id(student));
    assert.equal(floodKind(student, NOW)?.network, null);
  });

  it('starts a new count in the next window', () => {
    const start = NOW - (NOW % FLOOD_WINDOW_MS);
    assert.equal(id(anon, start + FLOOD_WINDOW_MS - 1), id(anon, start));
    assert.notEqual(id(anon, start + FLOOD_WINDOW_MS), id(anon, start));
    assert.match(id(anon)!, /^\d+_key_[0-9a-f]{20}$/);
  });
});
