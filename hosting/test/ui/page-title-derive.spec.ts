// The browser tab's title per page.
import assert from 'node:assert/strict';
import { documentTitle } from '../../src/ui/page-title-derive';

describe('documentTitle', () => {
  it('names the page, then the product', () => {
    assert.equal(documentTitle('My library'), 'My library · LectureVault');
    assert.equal(documentTitle('Cardiac cycle and heart sounds'), 'Cardiac cycle and heart sounds · LectureVault');
  });

  it('collapses the heading’s white space (a heading written over several lines)', () => {
    assert.equal(documentTitle('  Audit\n   log '), 'Audit log · LectureVault');
  });

  it('is the product alone for no heading, an empty one, or the product’s own name', () => {
    assert.equal(documentTitle(null), 'LectureVault');
    assert.equal(documentTitle(undefined), 'LectureVault');
    assert.equal(documentTitle('  '), 'LectureVault');
    assert.equal(documentTitle('LectureVault'), 'LectureVault');
  });
});
