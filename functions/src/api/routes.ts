// The API surface of LectureVault: every endpoint of the contract's table (@lecturevault/contract),
// wired to its handler. The maps are typed by the table, so an endpoint without a handler, or a
// handler whose reply is not the endpoint's, does not compile.
import { apiEndpoints, downloadEndpoints, traceEndpoints, type Endpoint, type getHealth } from '@lecturevault/contract';
import { Router, type Handler } from './router';
import {
  deleteRecordingHandler,
  postKekRewrap,
  putBackgroundPause,
  putExpiry,
  getStorage,
  putForensicWatermark,
  putLadder,
  putRetention,
} from './admin-handlers';
import {
  getKey,
  getMultivariant,
  getPlaylist,
  getPoster,
  getRungPlaylist,
  getSegment,
  postHeartbeat,
  postSession,
} from './playback-handlers';
import {
  deleteGrant,
  deleteMember,
  getAccess,
  getLibrary,
  getRecordings,
  postAccessRequest,
  putDetails,
  postGrant,
  postRevocation,
  putMember,
  putTeacherDownload,
} from './access-handlers';
import { getConsent, getViewers, postConsent } from './attendance-handlers';
import { getAudit, getAuditCounters, getPeople, postAuditVerify } from './audit-handlers';
import { getAlerts, getMeetings, me, postAlertRead, putMail } from './directory-handlers';
import { getDownload, postDownloadLink, postTicketDownload } from './download-handlers';
import { postFeedToken } from './embed-handlers';
import { postSchoolSession } from './sign-in-handlers';
import { getEstimate, getState, postForceStop, postStart, postStop } from './recording-handlers';
import { postTrace } from './trace-handlers';
import {
  getCaptions,
  getCaptionTrack,
  getTranscriptFile,
  getSubtitleCues,
  getSubtitlePlaylist,
  getTranscripts,
  postCaptions,
  putCaptionTrack,
  putSpeechBatch,
  putSpeechPhrases,
  getSpeechPhrases,
} from './caption-handlers';

/** One handler per endpoint of a table, each typed by its endpoint. */
type Handlers<T extends Record<string, Endpoint>> = { [K in keyof T]: Handler<T[K]> };

const health: Handler<typeof getHealth> = async (_req, res) => {
  res.json({ ok: true });
};

const apiHandlers: Handlers<typeof apiEndpoints> = {
  getHealth: health,
  getMe: me,
  postSchoolSession,
  putMail,
  getRecordingEstimate: getEstimate,
  getMeetings,
  getAlerts,
  postAlertRead,
  postAccessRequest,
  getRecordingState: getState,
  postStart,
  postStop,
  postForceStop,
  postConsent,
  postFeedToken,
  deleteRecording: deleteRecordingHandler,
  putExpiry,
  putRetention,
  putBackgroundPause,
  putForensicWatermark,
  putLadder,
  putSpeechBatch,
  putSpeechPhrases,
  getSpeechPhrases,
  postKekRewrap,
  getStorage,
  getRecordings,
  getLibrary,
  putDetails,
  postSession,
  getDownload,
  postDownloadLink,
  getAccess,
  getViewers,
  getConsent,
  getPoster,
  postGrant,
  deleteGrant,
  postRevocation,
  putMember,
  deleteMember,
  putTeacherDownload,
  getPeople,
  getAudit,
  getAuditCounters,
  postAuditVerify,
  getPlaylist,
  getMultivariant,
  getRungPlaylist,
  getKey,
  getSegment,
  postHeartbeat,
  getCaptions,
  getCaptionTrack,
  getTranscriptFile,
  postCaptions,
  putCaptionTrack,
  getTranscripts,
  getSubtitlePlaylist,
  getSubtitleCues,
};

/** A router serving every endpoint of `table`, in the table's order. */
function routerFor<T extends Record<string, Endpoint>>(table: T, handlers: Handlers<T>): Router {
  const router = new Router();
  for (const name of Object.keys(table) as (keyof T & string)[]) router.route(table[name], handlers[name]);
  return router;
}

export function buildRouter(): Router {
  return routerFor(apiEndpoints, apiHandlers);
}

/** The `downloads` function (Hosting rewrites /api/downloads/** to it): long streams, own timeout. */
export function buildDownloadRouter(): Router {
  return routerFor(downloadEndpoints, { postTicketDownload });
}

/** The tracer's own function (Hosting rewrites /api/trace to it): a trace needs memory and minutes the api has not. */
export function buildTraceRouter(): Router {
  return routerFor(traceEndpoints, { postTrace });
}
