// The recording widget's feed session (POST /api/embed/feed-token): the widget holds only the host
// page's ID token, so it trades it here for a custom token and signs a Firebase app of its own in
// with it, to follow recordingStates/ like the meeting page does (docs/embedding.md). Enrolled
// accounts only, a few per minute each: one per widget that opens or signs in again.
import type { Caller } from '../../domain/access/caller';
import { RateLimited } from '../../errors';
import { mintFeedSessionToken } from '../../store/auth';
import { countRequest } from '../../store/rate-limits';
import { requireEnrolled } from '../access/role-gates';

/**
 * A widget asks once when it opens and again when its session is lost (the listener follows again
 * with backoff: 1, 2, 4 … 30 s), so a dozen a minute is a page with several widgets, reloaded.
 */
export const FEED_TOKEN_LIMIT = { perWindow: 12, windowMs: 60_000 } as const;

/** A custom token naming the caller, marked as a feed session (no role: the rules read it from users/). */
export async function feedTokenFor(actor: Caller, nowMs = Date.now()): Promise<{ customToken: string }> {
  await requireEnrolled(actor);
  const verdict = await countRequest(
    'feed-token',
    actor.uid,
    FEED_TOKEN_LIMIT.perWindow,
    FEED_TOKEN_LIMIT.windowMs,
    nowMs,
  );
  if (!verdict.ok) throw new RateLimited(Math.ceil(verdict.retryAfterMs / 1000));
  return { customToken: await mintFeedSessionToken(actor.uid) };
}
