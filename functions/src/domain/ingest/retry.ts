// The ingest retry policy: a failed step is retried after 2, 4 and 8 s; when the last retry fails
// too, the caller alerts an admin and lists the segment as missing. The sleep is injected so
// tests control time.

export const INGEST_RETRY_DELAYS_MS = [2_000, 4_000, 8_000] as const;

export type Attempted<T> = { ok: true; value: T; attempts: number } | { ok: false; error: Error; attempts: number };

export async function withRetries<T>(
  step: () => Promise<T>,
  delaysMs: readonly number[] = INGEST_RETRY_DELAYS_MS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Attempted<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, value: await step(), attempts: attempt + 1 };
    } catch (error) {
      if (attempt >= delaysMs.length) return { ok: false, error: error as Error, attempts: attempt + 1 };
      await sleep(delaysMs[attempt]);
    }
  }
}
