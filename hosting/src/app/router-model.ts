// Router model: the current route as a signal, and navigation through a LocationPort. A createModel
// model: it stops listening to the location when disposed.
import { computed, createModel, signal, type ReadonlySignal } from '@preact/signals';
import type { LocationPort } from '../api/location-port';
import { onDispose } from '../ui/model-lifetime';
import { parseHash, routeHref, type Route } from './routes';

export interface RouterModel {
  readonly route: ReadonlySignal<Route>;
  navigate(route: Route): void;
  /** Navigate without adding a history entry (redirects). */
  replace(route: Route): void;
}

export const RouterModel = createModel<RouterModel, [location: LocationPort]>((location) => {
  const hash = signal(location.hash());
  const route = computed(() => parseHash(hash.value));
  onDispose(
    location.onChange(() => {
      hash.value = location.hash();
    }),
  );

  function go(target: Route, replace: boolean): void {
    const next = routeHref(target);
    if (next === hash.value) return;
    location.setHash(next, replace);
    hash.value = next;
  }

  return {
    route,
    navigate: (target) => go(target, false),
    replace: (target) => go(target, true),
  };
});
