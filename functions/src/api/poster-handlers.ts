// GET /api/recordings/:id/poster: the recording's poster frame as image bytes, to a viewer playback
// would admit (services/playback/posters.ts). `private`: a shared cache (Hosting's CDN) must never keep it.
import { posterFor } from '../services/playback/posters';
import { authenticate, idParam, parseBody } from './http';
import type * as wire from '@lecturevault/contract';
import type { Handler } from './router';

export const getPoster: Handler<typeof wire.getPoster> = async (req, res, params) => {
  const poster = await posterFor(await authenticate(req), parseBody(idParam, params.recordingId));
  res
    .status(200)
    .set({
      'Content-Type': poster.type,
      'Cache-Control': 'private, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': String(poster.bytes.length),
    })
    .end(poster.bytes);
};
