// settings/global's one reader: the forensic watermark is on unless an admin saved `false`.
import assert from 'node:assert/strict';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { DEFAULT_SETTINGS, settingsOf } from '../../../src/store/settings';

const snapshot = (data: Record<string, unknown>) =>
  ({ get: (field: string) => data[field] }) as unknown as DocumentSnapshot;

describe('settings (store/settings.ts)', () => {
  it('turns the forensic watermark on by default, off only for a saved false', () => {
    assert.equal(DEFAULT_SETTINGS.forensicWatermark, true);
    assert.equal(settingsOf(snapshot({})).forensicWatermark, true);
    assert.equal(settingsOf(snapshot({ forensicWatermark: false })).forensicWatermark, false);
    assert.equal(settingsOf(snapshot({ forensicWatermark: true })).forensicWatermark, true);
    // Anything else (a hand edit in the console) is not a decision to turn it off.
    for (const odd of ['false', 0, null])
      assert.equal(settingsOf(snapshot({ forensicWatermark: odd })).forensicWatermark, true);
  });
});
