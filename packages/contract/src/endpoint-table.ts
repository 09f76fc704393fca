// The endpoint table, by the function that serves it: what the functions' routers are built from
// and what the fuzz suite covers. The web app imports single endpoints instead (endpoints.ts), so a
// widget's bundle keeps only the schemas of the routes it calls.
import * as e from './endpoints';

/** The `api` function's routes, in matching order. */
export const apiEndpoints = {
  getHealth: e.getHealth,
  getMe: e.getMe,
  postSchoolSession: e.postSchoolSession,
  putMail: e.putMail,
  getRecordingEstimate: e.getRecordingEstimate,
  getMeetings: e.getMeetings,
  getAlerts: e.getAlerts,
  postAlertRead: e.postAlertRead,
  postAccessRequest: e.postAccessRequest,
  getRecordingState: e.getRecordingState,
  postStart: e.postStart,
  postStop: e.postStop,
  postForceStop: e.postForceStop,
  postConsent: e.postConsent,
  postFeedToken: e.postFeedToken,
  deleteRecording: e.deleteRecording,
  putExpiry: e.putExpiry,
  putRetention: e.putRetention,
  putBackgroundPause: e.putBackgroundPause,
  putForensicWatermark: e.putForensicWatermark,
  putLadder: e.putLadder,
  putSpeechBatch: e.putSpeechBatch,
  getSpeechPhrases: e.getSpeechPhrases,
  putSpeechPhrases: e.putSpeechPhrases,
  postKekRewrap: e.postKekRewrap,
  getStorage: e.getStorage,
  getRecordings: e.getRecordings,
  getLibrary: e.getLibrary,
  putDetails: e.putDetails,
  postSession: e.postSession,
  getDownload: e.getDownload,
  postDownloadLink: e.postDownloadLink,
  getAccess: e.getAccess,
  getViewers: e.getViewers,
  getConsent: e.getConsent,
  getPoster: e.getPoster,
  postGrant: e.postGrant,
  deleteGrant: e.deleteGrant,
  postRevocation: e.postRevocation,
  putMember: e.putMember,
  deleteMember: e.deleteMember,
  putTeacherDownload: e.putTeacherDownload,
  getPeople: e.getPeople,
  getAudit: e.getAudit,
  getAuditCounters: e.getAuditCounters,
  postAuditVerify: e.postAuditVerify,
  getMultivariant: e.getMultivariant,
  getPlaylist: e.getPlaylist,
  getRungPlaylist: e.getRungPlaylist,
  getKey: e.getKey,
  getSegment: e.getSegment,
  postHeartbeat: e.postHeartbeat,
  getCaptions: e.getCaptions,
  getCaptionTrack: e.getCaptionTrack,
  getTranscriptFile: e.getTranscriptFile,
  postCaptions: e.postCaptions,
  putCaptionTrack: e.putCaptionTrack,
  getTranscripts: e.getTranscripts,
  getSubtitlePlaylist: e.getSubtitlePlaylist,
  getSubtitleCues: e.getSubtitleCues,
} as const;

/** The `downloads` function's one route. */
export const downloadEndpoints = { postTicketDownload: e.postTicketDownload } as const;

/** The `tracer` function's one route. */
export const traceEndpoints = { postTrace: e.postTrace } as const;

/** Every route of every function. */
export const endpoints = { ...apiEndpoints, ...downloadEndpoints, ...traceEndpoints } as const;
