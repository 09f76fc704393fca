// When a page's heading takes focus: once after each screen change, never on the first screen.
import assert from 'node:assert/strict';
import { noteScreen, takeFocusRequest } from '../../src/ui/page-focus';
import { screenKey } from '../../src/app/screen-derive';

describe('page focus requests', () => {
  it('asks nothing while loading or on the first screen, then once per change of screen', () => {
    noteScreen(screenKey({ kind: 'loading' }));
    assert.equal(takeFocusRequest(), false);
    noteScreen(screenKey({ kind: 'signin' }));
    assert.equal(takeFocusRequest(), false, 'the first screen of a load keeps the skip link first');
    noteScreen(screenKey({ kind: 'page', route: { name: 'home', section: null } }));
    assert.equal(takeFocusRequest(), true, 'signed in: the home page’s heading');
    assert.equal(takeFocusRequest(), false, 'taken once');
    noteScreen(screenKey({ kind: 'page', route: { name: 'home', section: null } }));
    assert.equal(takeFocusRequest(), false, 'a re-render of the same page asks nothing');
    noteScreen(screenKey({ kind: 'page', route: { name: 'home', section: 'library' } }));
    noteScreen(screenKey({ kind: 'page', route: { name: 'watch', recordingId: 'rec 1' } }));
    assert.equal(takeFocusRequest(), true);
    assert.equal(takeFocusRequest(), false);
  });
});

describe('screenKey', () => {
  it('is null while loading and follows the route of a page', () => {
    assert.equal(screenKey({ kind: 'loading' }), null);
    assert.equal(screenKey({ kind: 'session-error' }), 'session-error');
    assert.equal(screenKey({ kind: 'page', route: { name: 'home', section: 'audit' } }), '#/audit');
    assert.equal(screenKey({ kind: 'page', route: { name: 'meeting', meetingId: 'm/1' } }), '#/meetings/m%2F1');
  });
});
