// PUT /api/settings/speech-batch (admin) and PUT /api/meetings/:meetingId/speech-phrases (admin or
// the meeting's teacher): the machine captions' two settings.
import * as wire from '@lecturevault/contract';
import { setCoursePhrases, setSpeechBatch } from '../services/captions/caption-settings';
import { authenticate, idParam, parseBody } from './http';
import type { Handler } from './router';

export const putSpeechBatch: Handler<typeof wire.putSpeechBatch> = async (req, res) => {
  const caller = await authenticate(req, 'revocation');
  const { mode } = parseBody(wire.putSpeechBatch.body, req.body);
  await setSpeechBatch(caller, mode);
  res.json({ speechBatch: mode });
};

export const putSpeechPhrases: Handler<typeof wire.putSpeechPhrases> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const { phrases } = parseBody(wire.putSpeechPhrases.body, req.body);
  res.json({ phrases: await setCoursePhrases(caller, parseBody(idParam, params.meetingId), phrases) });
};
