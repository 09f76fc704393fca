// The API surface of LectureVault: every route, wired to its handler.
import { Router } from './router';
import { me } from './me-handlers';
import { deleteRecordingHandler, putExpiry, putRetention } from './admin-handlers';
import { getStorage } from './storage-handlers';
import { getEstimate, getState, postForceStop, postStart, postStop } from './recording-handlers';

export function buildRouter(): Router {
  return new Router()
    .on('GET', '/health', async (_req, res) => {
      res.json({ ok: true });
    })
    .on('GET', '/me', me)
    .on('GET', '/recording-estimate', getEstimate)
    .on('GET', '/meetings/:meetingId/recording', getState)
    .on('POST', '/meetings/:meetingId/recording/start', postStart)
    .on('POST', '/meetings/:meetingId/recording/stop', postStop)
    .on('POST', '/meetings/:meetingId/recording/force-stop', postForceStop)
    .on('DELETE', '/recordings/:recordingId', deleteRecordingHandler)
    .on('PUT', '/recordings/:recordingId/expiry', putExpiry)
    .on('PUT', '/settings/retention', putRetention)
    .on('GET', '/storage', getStorage);
}
