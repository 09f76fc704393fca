// POST /api/trace[?recordingId=…]: the raw bytes of a leaked clip in, the tracer's report out
// (admin only: services/forensic/trace-requests.ts). The body is read as the functions runtime buffered it
// (rawBody, whatever its type), so a video is never parsed as JSON or text on its way.
import { z } from 'zod';
import { traceClip } from '../services/forensic/trace-requests';
import { authenticate, idParam, parseBody } from './http';
import type { Handler } from './router';
import * as wire from '@lecturevault/contract';

/** The clip's recording, checked as one of our ids (the contract only knows it is a string). */
const traceIds = z.object({ recordingId: idParam.optional() });

export const postTrace: Handler<typeof wire.postTrace> = async (req, res) => {
  const caller = await authenticate(req, 'revocation');
  const { recordingId } = parseBody(traceIds, parseBody(wire.postTrace.query, req.query));
  const report = await traceClip(
    caller,
    { bytes: req.rawBody as Buffer | undefined, contentType: req.get('content-type') },
    { recordingId },
  );
  res.set('Cache-Control', 'no-store').json(report);
};
