// A phone turned on its side: player.css makes the player as tall as the screen; this brings it into
// view at the turn, so the video fills the screen with its controls on it, not below the fold.
export const LANDSCAPE_PHONE = '(orientation: landscape) and (max-height: 540px)';

/** Follows the turn for as long as the player is shown; answers the clean-up. */
export function fillScreenWhenTurned(box: HTMLElement): () => void {
  const query = window.matchMedia(LANDSCAPE_PHONE);
  const follow = () => {
    if (query.matches) box.scrollIntoView({ block: 'start' });
  };
  query.addEventListener('change', follow);
  return () => query.removeEventListener('change', follow);
}
