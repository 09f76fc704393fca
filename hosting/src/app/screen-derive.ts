// Pure choice of what the app shows, from the session status and the route.
import { routeHref, type Route } from './routes';
import type { SessionStatus } from './session-model';

export type PageRoute = Exclude<Route, { readonly name: 'signin' }>;

export type Screen =
  | { readonly kind: 'loading' }
  | { readonly kind: 'session-error' }
  | { readonly kind: 'signin' }
  | { readonly kind: 'page'; readonly route: PageRoute };

export function resolveScreen(status: SessionStatus, route: Route): Screen {
  switch (status) {
    case 'loading':
      return { kind: 'loading' };
    case 'error':
      return { kind: 'session-error' };
    case 'signed-out':
      // Any route shows the sign-in form; the hash is kept, so a deep link opens after sign-in.
      return { kind: 'signin' };
    case 'signed-in':
      return { kind: 'page', route: route.name === 'signin' ? { name: 'home', section: null } : route };
  }
}

/** Which screen is shown, as a string that changes exactly when the page does (null while loading). */
export function screenKey(screen: Screen): string | null {
  switch (screen.kind) {
    case 'loading':
      return null;
    case 'session-error':
    case 'signin':
      return screen.kind;
    case 'page':
      return routeHref(screen.route);
  }
}
