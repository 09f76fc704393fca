// Video binding: mirrors the <video> element's events into the player's signals (playing,
// buffering, position, duration, speed, volume) and saves the resume position as it goes.
import { batch, type Signal } from '@preact/signals';
import type { Cleanup } from './deterrents';
import type { ResumeStore } from './resume-store';

export interface VideoSignals {
  readonly playing: Signal<boolean>;
  readonly buffering: Signal<boolean>;
  readonly position: Signal<number>;
  readonly duration: Signal<number>;
  readonly rate: Signal<number>;
  readonly volume: Signal<number>;
  readonly muted: Signal<boolean>;
}

/** `mayPlay` false undoes a play (a sticky pause or a refusal holds, e.g. video.play() from the console). */
export function bindVideo(
  video: HTMLVideoElement,
  signals: VideoSignals,
  resume: ResumeStore,
  mayPlay: () => boolean,
): Cleanup {
  const { playing, buffering, position, duration, rate, volume, muted } = signals;
  let lastSaved = 0;
  const on = (type: string, listener: () => void) => {
    video.addEventListener(type, listener);
    return () => video.removeEventListener(type, listener);
  };
  const readDuration = () => (duration.value = Number.isFinite(video.duration) ? video.duration : 0);
  const offs = [
    // "Playing" from the moment play is asked for, not from the first frame: while the start loads,
    // the button must offer Pause (a tap on a stale "Play" would pause the start it waits for).
    on('play', () => {
      if (!mayPlay()) video.pause();
      else playing.value = true;
    }),
    on('playing', () => batch(() => ((playing.value = true), (buffering.value = false)))),
    on('pause', () => {
      playing.value = false;
      resume.set(video.currentTime);
    }),
    on('waiting', () => (buffering.value = true)),
    on('ended', () => {
      playing.value = false;
      resume.set(0);
    }),
    on('seeking', () => {
      // A jump is the viewer choosing a spot: keep it even if they leave before it has loaded.
      lastSaved = video.currentTime;
      resume.set(video.currentTime);
    }),
    on('timeupdate', () => {
      position.value = video.currentTime;
      if (Math.abs(video.currentTime - lastSaved) >= 5) {
        lastSaved = video.currentTime;
        resume.set(video.currentTime);
      }
    }),
    on('durationchange', readDuration),
    on('loadedmetadata', readDuration),
    on('ratechange', () => (rate.value = video.playbackRate)),
    on('volumechange', () => batch(() => ((volume.value = video.volume), (muted.value = video.muted)))),
  ];
  return () => offs.forEach((off) => off());
}
