// Lifetime of a model built with @preact/signals' createModel: the model owns the effects its
// factory creates and disposes them with it (model[Symbol.dispose](), which useModel calls on
// unmount). Timers and subscriptions are not effects, so they hook in here.
import { effect } from '@preact/signals';

/**
 * Inside a createModel factory: runs `cleanup` when the model is disposed. It is an effect that
 * reads no signal, so it runs once now and its cleanup runs on dispose.
 */
export function onDispose(cleanup: () => void): void {
  effect(() => cleanup);
}
