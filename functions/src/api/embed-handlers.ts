// The widgets' own route: POST /api/embed/feed-token, the custom token the recording widget signs
// its private Firebase app in with (services/recording/feed-token.ts). The token is a credential:
// no-store, and never logged.
import type * as wire from '@lecturevault/contract';
import { feedTokenFor } from '../services/recording/feed-token';
import { authenticate } from './http';
import type { Handler } from './router';

export const postFeedToken: Handler<typeof wire.postFeedToken> = async (req, res) => {
  // Revocation checked: a session that outlives the ID token is minted only for a live account.
  const caller = await authenticate(req, 'revocation');
  res.set('Cache-Control', 'no-store').json(await feedTokenFor(caller));
};
