// A page's main heading: names the browser tab after it and takes focus after a route change
// (see page-focus.ts). tabindex=-1 makes it focusable by script only, never a Tab stop.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { takeFocusRequest } from './page-focus';
import { documentTitle } from './page-title-derive';

export function PageHeading({
  id,
  class: className = 'panel-title',
  title,
  children,
}: {
  id: string;
  class?: string;
  /** What the tab is called (the heading's text unless `children` show something else). */
  title: string;
  children?: ComponentChildren;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = documentTitle(title);
  }, [title]);
  // Every render, not only the first: a section switch re-renders the same heading with a new title.
  useLayoutEffect(() => {
    if (takeFocusRequest()) ref.current?.focus();
  });
  return (
    <h1 id={id} class={className} tabIndex={-1} ref={ref}>
      {children ?? title}
    </h1>
  );
}
