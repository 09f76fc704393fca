// The video binding's playing signal follows what the viewer asked for, from the play request on.
import assert from 'node:assert/strict';
import { signal } from '@preact/signals';
import { bindVideo } from '../../../src/features/player/video-binding';

/** The parts of a <video> the binding reads, with play/pause that fire their events as a browser does. */
class FakeVideo extends EventTarget {
  paused = true;
  currentTime = 0;
  duration = Number.NaN;
  playbackRate = 1;
  volume = 1;
  muted = false;
  play(): void {
    this.paused = false;
    this.dispatchEvent(new Event('play'));
  }
  pause(): void {
    this.paused = true;
    this.dispatchEvent(new Event('pause'));
  }
}

function bound(mayPlay = () => true) {
  const video = new FakeVideo();
  const signals = {
    playing: signal(false),
    buffering: signal(false),
    position: signal(0),
    duration: signal(0),
    rate: signal(1),
    volume: signal(1),
    muted: signal(false),
  };
  const resume = { get: () => null, set: () => undefined };
  bindVideo(video as unknown as HTMLVideoElement, signals, resume, mayPlay);
  return { video, signals };
}

describe('video binding', () => {
  it('counts as playing from the play request, before the first frame, so the button offers Pause', () => {
    const { video, signals } = bound();
    video.play(); // no 'playing' yet: the start is still loading
    assert.equal(signals.playing.value, true);
    video.pause();
    assert.equal(signals.playing.value, false);
  });

  it('undoes a play that a held pause forbids, and never shows it as playing', () => {
    const { video, signals } = bound(() => false);
    video.play();
    assert.equal(video.paused, true);
    assert.equal(signals.playing.value, false);
  });
});
