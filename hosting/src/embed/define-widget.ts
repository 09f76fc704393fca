// Turns a Preact view into a custom element with its own Shadow DOM: the host page's CSS stays
// out, ours stays in (constructed stylesheets, so the host's CSP needs no 'unsafe-inline'), and
// the view is rendered again when its attribute (or one of its hint attributes) changes.
import { Fragment, h, render, type ComponentChild } from 'preact';

export interface WidgetHost {
  /** The custom element itself, for the events a widget sends the page. */
  readonly element: HTMLElement;
  /** The hint attributes' values (null when absent), as of this render. */
  readonly hints: Readonly<Record<string, string | null>>;
}

const sheets = new Map<string, CSSStyleSheet>();

/** One constructed sheet per CSS text, shared by every widget on the page. */
export function styleSheet(css: string): CSSStyleSheet {
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  return sheet;
}

/** Adds `css` to the shadow root `node` is in (a lazily loaded part bringing its own styles). */
export function adoptStyles(node: Node, css: string): void {
  const root = node.getRootNode();
  if (!(root instanceof ShadowRoot)) return;
  const sheet = styleSheet(css);
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

export function defineWidget(
  tag: string,
  attribute: string,
  css: readonly string[],
  view: (value: string, host: WidgetHost) => ComponentChild,
  /** Attributes the page may change without replacing the widget (they re-render it, unkeyed). */
  hints: readonly string[] = [],
): void {
  if (customElements.get(tag)) return; // the script was included twice
  class Widget extends HTMLElement {
    static readonly observedAttributes = [attribute, ...hints];
    readonly #mount = document.createElement('div');

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = css.map(styleSheet);
      this.#mount.className = 'lv-root';
      root.append(this.#mount);
    }

    connectedCallback(): void {
      this.#render();
    }

    attributeChangedCallback(): void {
      if (this.isConnected) this.#render();
    }

    disconnectedCallback(): void {
      render(null, this.#mount); // stops the polls, timers and player of this widget
    }

    #render(): void {
      const value = this.getAttribute(attribute) ?? '';
      // Keyed by the attribute: another meeting or recording is a new widget, not a patched one.
      const hintValues = Object.fromEntries(hints.map((name) => [name, this.getAttribute(name)]));
      render(h(Fragment, { key: value }, view(value, { element: this, hints: hintValues })), this.#mount);
    }
  }
  customElements.define(tag, Widget);
}
