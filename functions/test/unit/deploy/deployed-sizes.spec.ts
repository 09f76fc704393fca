// The cost benchmark bills each function at its deployed size, read from the manifest as
// firebase-tools resolves it, so resizing a function cannot leave the cost model behind.
import assert from 'node:assert/strict';
import { deployedSizes, FUNCTION_SIZES } from '../../../../bench/cost-meter';

describe('deployed function sizes (cost model)', () => {
  it('reads memory and cpu from index.ts, with 2nd gen’s defaults (256 MiB, 1 vCPU) elsewhere', () => {
    assert.deepEqual(FUNCTION_SIZES['segmentFinalized'], { vcpu: 2, gib: 2 });
    assert.deepEqual(FUNCTION_SIZES['tracer'], { vcpu: 1, gib: 2 });
    assert.deepEqual(FUNCTION_SIZES['api'], { vcpu: 1, gib: 0.25 });
    assert.ok(Object.keys(FUNCTION_SIZES).length >= 13, 'every exported function has a size');
    const sizes = deployedSizes(
      "export const a = onRequest({ memory: '4GiB' }, h);\nexport const b = onRequest({ memory: '512MiB', cpu: 2 }, h);\n",
    );
    assert.deepEqual(sizes, { a: { vcpu: 2, gib: 4 }, b: { vcpu: 2, gib: 0.5 } });
  });
});
