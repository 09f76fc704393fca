// The moving watermark: server-issued text over the video, moved to a random spot every few
// seconds, and guarded: if it is removed, hidden, faded, shrunk or pushed off the video (DOM edits,
// injected CSS), playback pauses for good on this page.
import { nextWatermarkSpot } from './player-derive';
import type { Cleanup } from './deterrents';

export const MOVE_EVERY_MS = 4000;

/** What is wrong with the watermark, or null when it is intact. */
function defect(mark: HTMLElement, container: HTMLElement, text: string): string | null {
  if (!mark.isConnected || !container.contains(mark)) return 'removed';
  if (mark.textContent !== text) return 'text changed';
  const style = getComputedStyle(mark);
  if (style.display === 'none' || style.visibility !== 'visible' || Number(style.opacity) < 0.15) return 'hidden';
  const box = mark.getBoundingClientRect();
  const frame = container.getBoundingClientRect();
  if (box.width < 20 || box.height < 8) return `shrunk to ${Math.round(box.width)}×${Math.round(box.height)}`;
  // At least its middle must be inside the video box.
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  return cx >= frame.left && cx <= frame.right && cy >= frame.top && cy <= frame.bottom ? null : 'moved off the video';
}

export function installWatermark(
  mark: HTMLElement,
  container: HTMLElement,
  text: string,
  onTamper: () => void,
  random: () => number = Math.random,
): Cleanup {
  let tampered = false;
  let spot = nextWatermarkSpot(random);
  const place = () => {
    mark.style.left = `${spot.x}%`;
    // While captions are on (CaptionsControls.tsx) the mark keeps to the upper part of the frame.
    const y = container.dataset.captions === 'on' ? Math.round(5 + (spot.y - 5) / 2) : spot.y;
    mark.style.top = `${y}%`;
    mark.style.transform = `translate(-${spot.x}%, -${y}%)`;
  };
  mark.textContent = text;
  // The first spot is taken at once: a transition from nowhere would start off the video.
  mark.style.transition = 'none';
  place();
  void mark.offsetWidth;
  mark.style.removeProperty('transition');

  // A mark caught mid-move can look displaced for a moment; only a position that stays wrong for
  // two polls counts. Removal, hiding and text edits count at once.
  let displacedPolls = 0;
  const check = (fromPoll: boolean) => {
    if (tampered) return;
    const problem = defect(mark, container, text);
    if (problem === 'moved off the video') {
      displacedPolls = fromPoll ? displacedPolls + 1 : displacedPolls;
      if (displacedPolls < 2) return;
    } else if (fromPoll) displacedPolls = 0;
    if (!problem) return;
    tampered = true;
    console.warn(`LectureVault: watermark ${problem}; playback paused`);
    onTamper();
  };
  const observer = new MutationObserver(() => check(false));
  observer.observe(container, { childList: true, subtree: true, attributes: true, characterData: true });
  // Stylesheets injected elsewhere do not mutate the container: poll the computed style too.
  const poll = setInterval(() => check(true), 1000);
  const mover = setInterval(() => {
    spot = nextWatermarkSpot(random, spot);
    place();
  }, MOVE_EVERY_MS);

  return () => {
    observer.disconnect();
    clearInterval(poll);
    clearInterval(mover);
  };
}
