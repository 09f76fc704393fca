// The mail opt-out toggle: shown at once, confirmed or put back by the server, newest toggle wins.
import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/http-api';
import { createMailPreferenceModel, mailPreferenceLabel } from '../../src/shell/mail-preference-model';

/** A save whose answers the test releases one by one. */
function controlledSave() {
  const pending: { enabled: boolean; resolve: (v: boolean) => void; reject: (e: Error) => void }[] = [];
  const save = (enabled: boolean) =>
    new Promise<boolean>((resolve, reject) => pending.push({ enabled, resolve, reject }));
  return { save, pending };
}

describe('mail preference model', () => {
  it('shows the toggle at once and keeps what the server stored', async () => {
    const { save, pending } = controlledSave();
    const model = createMailPreferenceModel(true, save);
    const done = model.set(false);
    assert.equal(model.enabled.value, false);
    assert.equal(model.saving.value, true);
    assert.equal(pending[0]!.enabled, false);
    pending[0]!.resolve(false);
    await done;
    assert.equal(model.enabled.value, false);
    assert.equal(model.saving.value, false);
    assert.equal(model.error.value, null);
  });

  it("puts the last confirmed value back with the server's reason when the save fails", async () => {
    const { save, pending } = controlledSave();
    const model = createMailPreferenceModel(true, save);
    const done = model.set(false);
    pending[0]!.reject(new ApiError(403, 'not-enrolled', 'Your account is not enrolled.'));
    await done;
    assert.equal(model.enabled.value, true);
    assert.equal(model.error.value, 'Your account is not enrolled.');
    assert.equal(model.saving.value, false);
  });

  it('lets the newest toggle win over a late answer to an older one', async () => {
    const { save, pending } = controlledSave();
    const model = createMailPreferenceModel(true, save);
    const first = model.set(false);
    const second = model.set(true);
    pending[1]!.resolve(true);
    await second;
    pending[0]!.resolve(false); // the older answer arrives last
    await first;
    assert.equal(model.enabled.value, true);
    assert.equal(model.saving.value, false);
  });

  it('offers the choice to the roles LectureVault mails, and not to teachers', () => {
    assert.equal(mailPreferenceLabel('student'), 'Email me when a new lecture is ready');
    assert.equal(mailPreferenceLabel('admin'), 'Email me alerts');
    assert.equal(mailPreferenceLabel('teacher'), null);
  });
});
