// The API surface of LectureVault: every route, wired to its handler.
import { Router } from './router';
import { me, putMail } from './me-handlers';
import {
  deleteRecordingHandler,
  postKekRewrap,
  putBackgroundPause,
  putExpiry,
  putForensicWatermark,
  putRetention,
} from './admin-handlers';
import { getStorage } from './storage-handlers';
import { getKey, getPlaylist, getSegment, postHeartbeat, postSession } from './playback-handlers';
import {
  deleteGrant,
  deleteMember,
  getAccess,
  getAudit,
  getLibrary,
  getRecordings,
  putDetails,
  postGrant,
  postRevocation,
  putMember,
  putTeacherDownload,
} from './access-handlers';
import { getConsent, getViewers, postConsent } from './attendance-handlers';
import { getAuditCounters, postAuditVerify } from './audit-handlers';
import { getAlerts, getMeetings, postAlertRead } from './directory-handlers';
import { getDownload, postDownloadLink, postTicketDownload } from './download-handlers';
import { getPoster } from './poster-handlers';
import { getEstimate, getState, postForceStop, postStart, postStop } from './recording-handlers';
import { postTrace } from './trace-handlers';

export function buildRouter(): Router {
  return new Router()
    .on('GET', '/health', async (_req, res) => {
      res.json({ ok: true });
    })
    .on('GET', '/me', me)
    .on('PUT', '/me/mail', putMail)
    .on('GET', '/recording-estimate', getEstimate)
    .on('GET', '/meetings', getMeetings)
    .on('GET', '/alerts', getAlerts)
    .on('POST', '/alerts/:alertId/read', postAlertRead)
    .on('GET', '/meetings/:meetingId/recording', getState)
    .on('POST', '/meetings/:meetingId/recording/start', postStart)
    .on('POST', '/meetings/:meetingId/recording/stop', postStop)
    .on('POST', '/meetings/:meetingId/recording/force-stop', postForceStop)
    .on('POST', '/meetings/:meetingId/recording/consent', postConsent)
    .on('DELETE', '/recordings/:recordingId', deleteRecordingHandler)
    .on('PUT', '/recordings/:recordingId/expiry', putExpiry)
    .on('PUT', '/settings/retention', putRetention)
    .on('PUT', '/settings/background-pause', putBackgroundPause)
    .on('PUT', '/settings/forensic-watermark', putForensicWatermark)
    .on('POST', '/admin/kek/rewrap', postKekRewrap)
    .on('GET', '/storage', getStorage)
    .on('GET', '/recordings', getRecordings)
    .on('GET', '/library', getLibrary)
    .on('PUT', '/recordings/:recordingId/details', putDetails)
    .on('POST', '/recordings/:recordingId/sessions', postSession)
    .on('GET', '/recordings/:recordingId/download', getDownload)
    .on('POST', '/recordings/:recordingId/download-links', postDownloadLink)
    .on('GET', '/recordings/:recordingId/access', getAccess)
    .on('GET', '/recordings/:recordingId/viewers', getViewers)
    .on('GET', '/recordings/:recordingId/consent', getConsent)
    .on('GET', '/recordings/:recordingId/poster', getPoster)
    .on('POST', '/recordings/:recordingId/grants', postGrant)
    .on('DELETE', '/recordings/:recordingId/grants/:email', deleteGrant)
    .on('POST', '/recordings/:recordingId/revocations', postRevocation)
    .on('PUT', '/batches/:batchId/members/:uid', putMember)
    .on('DELETE', '/batches/:batchId/members/:uid', deleteMember)
    .on('PUT', '/meetings/:meetingId/teacher-download', putTeacherDownload)
    .on('GET', '/audit', getAudit)
    .on('GET', '/audit/counters', getAuditCounters)
    .on('POST', '/audit/verify', postAuditVerify)
    .on('GET', '/play/:sessionId/playlist.m3u8', getPlaylist)
    .on('GET', '/play/:sessionId/key', getKey)
    .on('GET', '/play/:sessionId/seg/:file', getSegment)
    .on('POST', '/play/:sessionId/heartbeat', postHeartbeat);
}

/** The `downloads` function (Hosting rewrites /api/downloads/** to it): long streams, own timeout. */
export function buildDownloadRouter(): Router {
  return new Router().on('POST', '/downloads/:ticket', postTicketDownload);
}

/** The tracer's own function (Hosting rewrites /api/trace to it): a trace needs memory and minutes the api has not. */
export function buildTraceRouter(): Router {
  return new Router().on('POST', '/trace', postTrace);
}
