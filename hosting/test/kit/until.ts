// Waiting on what a model does, not on a guess of how long it takes: under load a timer fires late.

/** Waits for `check` (an event the model causes), giving up only after a generous 5 s. */
export async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
