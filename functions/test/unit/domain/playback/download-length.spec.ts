import assert from 'node:assert/strict';
import {
  declaredLength,
  MAX_DECLARED_LENGTH_BYTES,
  servedPlainBytes,
} from '../../../../src/domain/playback/download-length';

describe('download length', () => {
  it('is the exact size of the decrypted file: the sum of the plaintext segments', () => {
    assert.equal(declaredLength([{ plainBytes: 1_000 }, { plainBytes: 2_345 }]), 3_345);
    assert.equal(declaredLength([]), 0);
  });

  it('is not declared above what a fixed-length Cloud Run response may carry (32 MiB): the file streams chunked', () => {
    const half = MAX_DECLARED_LENGTH_BYTES / 2;
    assert.equal(declaredLength([{ plainBytes: half }, { plainBytes: half }]), MAX_DECLARED_LENGTH_BYTES);
    assert.equal(declaredLength([{ plainBytes: half }, { plainBytes: half + 1 }]), undefined);
    assert.ok(MAX_DECLARED_LENGTH_BYTES < 32 * 1024 * 1024);
  });

  it('is not declared when a segment has no recorded plaintext size (stored before it was recorded)', () => {
    assert.equal(declaredLength([{ plainBytes: 10 }, {}]), undefined);
  });

  it('of a marked recording: each segment counts the size of the variant the codeword serves', () => {
    const marked = { plainBytes: 999, variants: { a: { plainBytes: 1_000 }, b: { plainBytes: 1_016 } } };
    assert.equal(servedPlainBytes(marked, 'a'), 1_000);
    assert.equal(servedPlainBytes(marked, 'b'), 1_016);
    assert.equal(servedPlainBytes({ plainBytes: 999 }, undefined), 999);
    // A variant whose size was not recorded: unknown, so the whole download streams chunked.
    assert.equal(servedPlainBytes({ plainBytes: 1_200 }, 'a'), undefined);
    assert.equal(declaredLength([{ plainBytes: servedPlainBytes({ plainBytes: 5 }, 'a') }]), undefined);
  });
});
