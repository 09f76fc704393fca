// Where keyboard and screen-reader focus goes when the page changes: to the new page's main heading
// (PageHeading), as a full page load would put a reader at the top of the new page. The shell notes
// each screen it shows; the next heading that renders takes the request once. The first screen of
// a load asks for nothing, so the skip link stays the first stop.
// Focus moves in layout effects, as the element appears: an effect runs after paint, so a frame
// would show the new page with focus on the element it replaced (gone), and a reader hears nothing.

let shown: string | null = null;
let pending = false;

/** The shell shows the screen `key` (null while nothing real is shown, e.g. loading the session). */
export function noteScreen(key: string | null): void {
  if (key === null || key === shown) return;
  if (shown !== null) pending = true;
  shown = key;
}

/** True once after each screen change: the caller (the page's heading) then takes focus. */
export function takeFocusRequest(): boolean {
  const asked = pending;
  pending = false;
  return asked;
}

/** The skip link's target: the main heading of the page, else the main landmark itself. */
export function focusMain(): void {
  const main = document.getElementById('main');
  const heading = main?.querySelector<HTMLElement>('h1[tabindex]');
  (heading ?? main)?.focus();
}
