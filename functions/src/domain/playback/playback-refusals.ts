// The names of a refusal to play, as the wire carries them (`error.code`): the web app's player
// tells the viewer which one happened, so the server may send no code outside this list.
import type { AccessDecision } from '../access/access-check';

export const PLAYBACK_REFUSAL_CODES = [
  'unauthenticated',
  'permission-denied',
  'not-found',
  'not-playable',
  'recording-expired',
  'access-revoked',
  /** The same account opened more sessions than it may have at once; this, the oldest, was ended. */
  'session-replaced',
  'session-ended',
] as const;
export type PlaybackRefusalCode = (typeof PLAYBACK_REFUSAL_CODES)[number];

/** Why a session is refused or was ended: an access decision, or the concurrent-session cap. */
export type RefusalReason = Extract<AccessDecision, { allow: false }>['why'] | 'superseded';
