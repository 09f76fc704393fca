import assert from 'node:assert/strict';
import {
  completionOf,
  creditAllowanceSeconds,
  MAX_BANKED_SECONDS,
  viewerAllowanceSeconds,
  creditSeqs,
  decodeSeqs,
  encodeSeqs,
  receiptKey,
  signReceipt,
  verifyReceipt,
  watchedSecondsOf,
} from '../../../../src/domain/playback/delivery-receipts';

const key = receiptKey(Buffer.alloc(32, 1));
const older = receiptKey(Buffer.alloc(32, 2));

describe('delivery receipts', () => {
  it('verify for their session and sequence number only, under any key of the ring', () => {
    const receipt = signReceipt(key, 'session-a', 41);
    assert.equal(verifyReceipt([key], 'session-a', receipt), 41);
    assert.equal(verifyReceipt([older, key], 'session-a', receipt), 41);
    assert.equal(verifyReceipt([key], 'session-b', receipt), null);
    assert.equal(verifyReceipt([older], 'session-a', receipt), null);
    assert.equal(verifyReceipt([key], 'session-a', receipt.replace(/^41/, '42')), null);
    for (const junk of ['', '41', '41.', 'x.y', `1234567.${'a'.repeat(22)}`, `${receipt}x`])
      assert.equal(verifyReceipt([key], 'session-a', junk), null, junk);
  });

  it('encode the delivered set as a bitmap and back', () => {
    const seqs = new Set([0, 1, 7, 8, 100, 12_342]);
    assert.deepEqual(decodeSeqs(encodeSeqs(seqs)), seqs);
    assert.deepEqual(decodeSeqs(undefined), new Set());
    assert.equal(encodeSeqs([]), '');
    assert.ok(encodeSeqs([12_342]).length < 2100, 'a 24 h recording fits in about 2 KB');
  });

  it('credit each segment once, at most maxNew of them, lowest first', () => {
    const { seqs, added } = creditSeqs(new Set([0, 1]), [3, 1, 2, 2, 5, 4], 2);
    assert.deepEqual(added, [2, 3]);
    assert.deepEqual([...seqs].sort(), [0, 1, 2, 3]);
    assert.deepEqual(creditSeqs(new Set([0]), [0], 10).added, []);
  });

  it('allow real time at 2× plus the buffer ahead', () => {
    assert.equal(creditAllowanceSeconds(1_000, 1_000), 30);
    assert.equal(creditAllowanceSeconds(0, 60_000), 150);
    assert.equal(creditAllowanceSeconds(10_000, 0), 30, 'a clock behind the session start allows only the buffer');
  });

  it('turn segments into seconds capped at the recording and a completion ratio', () => {
    assert.equal(watchedSecondsOf(3, 7, 17), 17);
    assert.equal(watchedSecondsOf(2, 7, 17), 14);
    assert.equal(watchedSecondsOf(2, 7, 0), 14, 'an unknown length does not cap');
    assert.equal(completionOf(14, 17), 0.824);
    assert.equal(completionOf(17, 17), 1);
    assert.equal(completionOf(5, 0), 0);
  });

  it('give a viewer one allowance across all their sessions of a recording, never more than real time allows', () => {
    // A new viewer: what their session could play (30 s + 2 × its age), at most a beat's worth.
    assert.equal(viewerAllowanceSeconds(undefined, 0, 1_400), 32.8);
    assert.equal(viewerAllowanceSeconds(undefined, 0, 600_000), MAX_BANKED_SECONDS);
    // Spent a moment ago: six sessions opened in 3 s share what is left, growing 2 s a second.
    assert.equal(viewerAllowanceSeconds({ seconds: 1, atMs: 3_000 }, 1_000, 3_000), 1);
    assert.equal(viewerAllowanceSeconds({ seconds: 1, atMs: 3_000 }, 2_500, 4_000), 3);
    // Away a week: back at a new session's allowance, not a week's worth.
    assert.equal(viewerAllowanceSeconds({ seconds: 0, atMs: 0 }, 7 * 86_400_000, 7 * 86_400_000 + 1_000), 32);
    // Watching honestly on two devices: the bank refills at 2× real time up to the cap.
    assert.equal(viewerAllowanceSeconds({ seconds: 20, atMs: 60_000 }, 0, 120_000), 140);
    assert.equal(viewerAllowanceSeconds({ seconds: 20, atMs: 60_000 }, 0, 180_000), MAX_BANKED_SECONDS);
    assert.equal(MAX_BANKED_SECONDS, 150);
  });
});
