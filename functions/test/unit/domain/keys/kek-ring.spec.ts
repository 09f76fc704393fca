import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parseKekRing } from '../../../../src/domain/keys/kek-ring';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('the KEK ring (RECORDING_KEK)', () => {
  it('reads a bare base64 key, the format before rotation, as version "1"', () => {
    const ring = parseKekRing(k1.toString('base64'));
    assert.equal(ring.current, '1');
    assert.deepEqual(ring.kek('1'), k1);
    assert.deepEqual(ring.keks, [k1]);
  });

  it('takes the first version as current and keeps the others for unwrapping', () => {
    const ring = parseKekRing(` v2:${k2.toString('base64')} , ${k1.toString('base64')}`);
    assert.equal(ring.current, 'v2');
    assert.deepEqual(ring.keks, [k2, k1]);
    assert.deepEqual(ring.kek('1'), k1);
    assert.equal(ring.kek('v3'), undefined);
  });

  it('refuses an empty secret, a short key, a bad version name and a version named twice', () => {
    assert.throws(() => parseKekRing(' , '), /empty/);
    assert.throws(() => parseKekRing(`v2:${randomBytes(16).toString('base64')}`), /32 bytes/);
    assert.throws(() => parseKekRing(`v/2:${k2.toString('base64')}`), /version/);
    assert.throws(() => parseKekRing(`v2:${k2.toString('base64')},v2:${k1.toString('base64')}`), /twice/);
  });
});
