// The moving watermark: server-issued text over the video, moved to a random spot every few
// seconds, and guarded: if it is removed, hidden, faded, shrunk or pushed off the video (DOM edits,
// injected CSS), playback pauses for good on this page.
import { nextWatermarkSpot } from './player-derive';
import type { Cleanup } from './deterrents';

export const MOVE_EVERY_MS = 4000;

function intact(mark: HTMLElement, container: HTMLElement, text: string): boolean {
  if (!mark.isConnected || !container.contains(mark) || mark.textContent !== text) return false;
  const style = getComputedStyle(mark);
  if (style.display === 'none' || style.visibility !== 'visible' || Number(style.opacity) < 0.15) return false;
  const box = mark.getBoundingClientRect();
  const frame = container.getBoundingClientRect();
  if (box.width < 20 || box.height < 8) return false;
  // At least its middle must be inside the video box.
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  return cx >= frame.left && cx <= frame.right && cy >= frame.top && cy <= frame.bottom;
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
    mark.style.top = `${spot.y}%`;
    mark.style.transform = `translate(-${spot.x}%, -${spot.y}%)`;
  };
  mark.textContent = text;
  place();

  const check = () => {
    if (tampered || intact(mark, container, text)) return;
    tampered = true;
    onTamper();
  };
  const observer = new MutationObserver(check);
  observer.observe(container, { childList: true, subtree: true, attributes: true, characterData: true });
  // Stylesheets injected elsewhere do not mutate the container: poll the computed style too.
  const poll = setInterval(check, 1000);
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
