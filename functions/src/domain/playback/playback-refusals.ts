// Why a playback session is refused or ended. The codes the wire carries for them
// (PLAYBACK_REFUSAL_CODES) are the contract's (@lecturevault/contract).
import type { AccessDecision } from '../access/access-check';

export type { PlaybackRefusalCode } from '@lecturevault/contract';

/** Why a session is refused or was ended: an access decision, or the concurrent-session cap. */
export type RefusalReason = Extract<AccessDecision, { allow: false }>['why'] | 'superseded';
