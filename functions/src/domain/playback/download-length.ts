// The Content-Length a download may declare: the exact size of the decrypted file, when the
// platform lets a response of fixed length be that large.
import type { Variant } from '../forensic/forensic-mark';

/**
 * Cloud Run (so every 2nd-gen HTTP function) refuses an HTTP/1 response of more than 32 MiB unless
 * it is streamed with chunked transfer encoding (https://cloud.google.com/run/quotas; the 2nd-gen
 * rows of https://cloud.google.com/functions/quotas). A fixed length is declared only below that,
 * with 1 MiB to spare for headers; a longer lecture streams chunked (docs/production.md).
 */
export const MAX_DECLARED_LENGTH_BYTES = 31 * 1024 * 1024;

/** The sum of the segments' plaintext sizes, or undefined when it cannot be declared up front. */
export function declaredLength(segments: ReadonlyArray<{ plainBytes?: number }>): number | undefined {
  let total = 0;
  for (const segment of segments) {
    // Segments stored before plainBytes was recorded: the size is unknown, so stream chunked.
    if (typeof segment.plainBytes !== 'number') return undefined;
    total += segment.plainBytes;
  }
  return total <= MAX_DECLARED_LENGTH_BYTES ? total : undefined;
}

/**
 * The plaintext size of the object a download streams for a segment: its own, or (a marked
 * recording) that of the variant the codeword picks. The variants are re-encoded, so their sizes
 * differ; a segment without its variant's size makes the length unknown (streamed chunked).
 */
export function servedPlainBytes(
  segment: { plainBytes?: number; variants?: Partial<Record<Variant, { plainBytes: number }>> },
  variant: Variant | undefined,
): number | undefined {
  return variant ? segment.variants?.[variant]?.plainBytes : segment.plainBytes;
}
