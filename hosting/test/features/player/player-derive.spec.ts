// The player's pure rules: refusals in words, watermark placement, resume, speeds and shortcuts.
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/http-api';
import {
  canResume,
  describeRefusal,
  devToolsLikelyOpen,
  fullscreenMethod,
  heartbeatEndsPlayback,
  isBlockedShortcut,
  keyAction,
  mediaRefusal,
  nextWatermarkSpot,
  NO_RETRY_STATUSES,
  resumeAt,
  openingPosition,
  stepSpeed,
} from '../../../src/features/player/player-derive';

const none = { ctrl: false, meta: false, alt: false };

describe('player-derive', () => {
  it('words each refusal and says which ones a retry could fix', () => {
    assert.equal(
      describeRefusal(new ApiError(403, 'access-revoked', 'x')).text,
      'Your access to this recording was revoked.',
    );
    assert.equal(describeRefusal(new ApiError(403, 'recording-expired', 'x')).kind, 'expired');
    const replaced = describeRefusal(new ApiError(403, 'session-replaced', 'x'));
    assert.deepEqual(
      [replaced.kind, replaced.retryable, replaced.text],
      ['replaced', false, 'You started watching on another device or tab; this one was stopped.'],
    );
    assert.equal(
      describeRefusal(new ApiError(403, 'permission-denied', 'x')).text,
      "You don't have access to this recording.",
    );
    assert.equal(describeRefusal(new ApiError(404, 'not-found', 'x')).kind, 'not-found');
    assert.equal(describeRefusal(new ApiError(401, 'unauthenticated', 'x')).kind, 'signed-out');
    const network = describeRefusal(new ApiError(0, 'network', 'Could not reach LectureVault.'));
    assert.deepEqual(
      [network.kind, network.retryable, network.text],
      ['unavailable', true, 'Could not reach LectureVault.'],
    );
    assert.equal(describeRefusal(new ApiError(500, 'internal', 'x')).retryable, true);
    const limited = describeRefusal(new ApiError(429, 'rate-limited', 'Too many requests. Try again in 12 s.'));
    assert.deepEqual([limited.retryable, limited.text], [true, 'Too many requests. Try again in 12 s.']);
    assert.equal(describeRefusal(new ApiError(403, 'access-revoked', 'x')).retryable, false);
  });

  it('treats each refusal status as its decision: no retry, ask why, wait, or end playback', () => {
    assert.deepEqual(
      [401, 403, 404, 429, 500, 0].filter((status) => NO_RETRY_STATUSES.includes(status)),
      [401, 403, 404, 429],
    );
    assert.deepEqual([401, 403, 404, 429, 500, undefined].map(mediaRefusal), [
      'ask-why',
      'ask-why',
      null,
      'wait',
      null,
      null,
    ]);
    const ends = [401, 403, 404, 429, 500, 0].filter((status) => heartbeatEndsPlayback(new ApiError(status, 'x', 'x')));
    assert.deepEqual(ends, [401, 403, 404]);
    assert.equal(heartbeatEndsPlayback(new Error('offline')), false);
  });

  it('places the watermark inside the frame and moves it far enough each time', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let previous = nextWatermarkSpot(random);
    let shortMoves = 0;
    for (let i = 0; i < 500; i++) {
      const spot = nextWatermarkSpot(random, previous);
      assert.ok(spot.x >= 5 && spot.x <= 95 && spot.y >= 5 && spot.y <= 80, JSON.stringify(spot));
      if (Math.abs(spot.x - previous.x) + Math.abs(spot.y - previous.y) < 15) shortMoves++;
      previous = spot;
    }
    assert.equal(shortMoves, 0, 'every move is a real jump');
    // A random source stuck on one value still yields a spot (no endless loop).
    assert.deepEqual(
      nextWatermarkSpot(() => 0.5, { x: 50, y: 43 }),
      { x: 50, y: 43 },
    );
  });

  it('moves at least 15 points whenever the random source allows it', () => {
    const values = [0.5, 0.5, 0.52, 0.5, 0.9, 0.1];
    const random = () => values.shift() ?? 0;
    assert.deepEqual(nextWatermarkSpot(random, { x: 50, y: 43 }), { x: 86, y: 13 });
  });

  it('resumes only from a meaningful position', () => {
    assert.equal(resumeAt(null, 600), null);
    assert.equal(resumeAt(5, 600), null, 'the first seconds are not worth a resume');
    assert.equal(resumeAt(595, 600), null, 'at the very end, start again');
    assert.equal(resumeAt(123.7, 600), 123);
    assert.equal(resumeAt(123.7, 0), 123, 'duration not known yet');
    assert.equal(resumeAt(Number.NaN, 600), null);
  });

  it("opens at a deep link's second even under 10 s, else where the viewer left off", () => {
    assert.equal(openingPosition(5, 300), 5, 'a link names a moment: 5 s is not "the first seconds"');
    assert.equal(openingPosition(11.6, null), 11);
    assert.equal(openingPosition(0, 300), null, 't=0 is the beginning, not a resume');
    assert.equal(openingPosition(null, 123), 123);
    assert.equal(openingPosition(undefined, 5), null);
    assert.equal(openingPosition(Number.NaN, 123), 123);
  });

  it('steps through the speeds 0.75–2× and stops at the ends', () => {
    assert.equal(stepSpeed(1, 1), 1.25);
    assert.equal(stepSpeed(1, -1), 0.75);
    assert.equal(stepSpeed(2, 1), 2);
    assert.equal(stepSpeed(0.75, -1), 0.75);
  });

  it('maps shortcuts, and leaves modified keys to the browser', () => {
    assert.equal(keyAction(' ', none), 'toggle-play');
    assert.equal(keyAction('j', none), 'back-10');
    assert.equal(keyAction('ArrowRight', none), 'forward-10');
    assert.equal(keyAction('>', none), 'faster');
    assert.equal(keyAction('f', { ...none, ctrl: true }), null);
    assert.equal(keyAction('x', none), null);
  });

  it('blocks save, view-source and DevTools shortcuts, and nothing else', () => {
    const plain = { ctrl: false, meta: false, shift: false };
    assert.equal(isBlockedShortcut('F12', plain), true);
    assert.equal(isBlockedShortcut('s', { ...plain, ctrl: true }), true);
    assert.equal(isBlockedShortcut('u', { ...plain, meta: true }), true);
    assert.equal(isBlockedShortcut('I', { ...plain, ctrl: true, shift: true }), true);
    assert.equal(isBlockedShortcut('c', { ...plain, ctrl: true }), false, 'plain copy stays');
    assert.equal(isBlockedShortcut('s', plain), false);
  });

  it('suspects docked DevTools only from a large gap between window and viewport', () => {
    assert.equal(devToolsLikelyOpen({ width: 1280, height: 800 }, { width: 1280, height: 715 }), false);
    assert.equal(devToolsLikelyOpen({ width: 1280, height: 800 }, { width: 880, height: 715 }), true);
  });

  it('takes browser zoom for zoom, not for DevTools (low-vision viewers zoom to 110–200 %)', () => {
    // Chrome at 110 / 125 / 150 % on a 1× screen: the viewport in CSS px shrinks by the zoom, DPR grows by it.
    for (const zoom of [1.1, 1.25, 1.5, 2]) {
      const inner = { width: Math.round(1280 / zoom), height: Math.round(713 / zoom) };
      assert.equal(devToolsLikelyOpen({ width: 1280, height: 800 }, inner, zoom), false, `${zoom * 100} %`);
    }
    // 125 % on a 2× screen (DPR 2.5).
    assert.equal(devToolsLikelyOpen({ width: 1440, height: 900 }, { width: 1152, height: 650 }, 2.5), false);
    // Docked DevTools at 125 %: the viewport is smaller still than the zoom explains.
    assert.equal(devToolsLikelyOpen({ width: 1280, height: 800 }, { width: 700, height: 570 }, 1.25), true);
    // Docked DevTools with no zoom on a 1× screen are not excused by some zoom level.
    assert.equal(devToolsLikelyOpen({ width: 1280, height: 800 }, { width: 1024, height: 713 }, 1), true);
    assert.equal(devToolsLikelyOpen({ width: 1280, height: 800 }, { width: 1280, height: 500 }, 1), true);
  });

  it("goes full screen with the player box, or on iPhone (video full screen only) with the video's own", () => {
    assert.equal(fullscreenMethod({ element: true, video: true }), 'element');
    assert.equal(fullscreenMethod({ element: false, video: true }), 'video');
    assert.equal(fullscreenMethod({ element: false, video: false }), null);
  });

  it('lets the viewer resume every pause but a tampered watermark', () => {
    assert.equal(canResume('background'), true);
    assert.equal(canResume('capture'), true);
    assert.equal(canResume('tampered'), false);
  });
});
