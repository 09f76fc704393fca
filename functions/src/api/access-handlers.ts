// Admin access management and the recording lists.
import {
  grantAccess,
  removeGrant,
  revokeAccess,
  setBatchMember,
  setTeacherDownload,
  whoCanWatch,
} from '../services/access/access-admin';
import { requestAccess } from '../services/access/access-requests';
import { libraryPage, listRecordings } from '../services/library/library';
import { updateRecordingDetails } from '../services/recording/recording-details';
import { authenticate, idParam, parseBody } from './http';
import type { Handler } from './router';
import * as wire from '@lecturevault/contract';

export const getRecordings: Handler<typeof wire.getRecordings> = async (req, res) => {
  res.set('Cache-Control', 'no-store').json({ recordings: await listRecordings(await authenticate(req)) });
};

export const getLibrary: Handler<typeof wire.getLibrary> = async (req, res) => {
  const query = parseBody(wire.getLibrary.query, req.query);
  res.set('Cache-Control', 'no-store').json(await libraryPage(await authenticate(req), query));
};

export const putDetails: Handler<typeof wire.putDetails> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const details = parseBody(wire.detailsBody, req.body);
  await updateRecordingDetails(caller, parseBody(idParam, params.recordingId), details);
  res.status(204).end();
};

export const getAccess: Handler<typeof wire.getAccess> = async (req, res, params) => {
  res.json(await whoCanWatch(await authenticate(req), parseBody(idParam, params.recordingId)));
};

export const postGrant: Handler<typeof wire.postGrant> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const { email } = parseBody(wire.emailBody, req.body);
  await grantAccess(caller, parseBody(idParam, params.recordingId), email);
  res.status(201).json({ email });
};

export const deleteGrant: Handler<typeof wire.deleteGrant> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const { email } = parseBody(wire.emailBody, { email: params.email });
  await removeGrant(caller, parseBody(idParam, params.recordingId), email);
  res.status(204).end();
};

export const postRevocation: Handler<typeof wire.postRevocation> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const { email } = parseBody(wire.emailBody, req.body);
  const sessionsCut = await revokeAccess(caller, parseBody(idParam, params.recordingId), email);
  res.status(201).json({ email, sessionsCut });
};

export const putMember: Handler<typeof wire.putMember> = async (req, res, params) => {
  await setBatchMember(
    await authenticate(req, 'revocation'),
    parseBody(idParam, params.batchId),
    parseBody(idParam, params.uid),
    true,
  );
  res.status(204).end();
};

export const deleteMember: Handler<typeof wire.deleteMember> = async (req, res, params) => {
  await setBatchMember(
    await authenticate(req, 'revocation'),
    parseBody(idParam, params.batchId),
    parseBody(idParam, params.uid),
    false,
  );
  res.status(204).end();
};

export const putTeacherDownload: Handler<typeof wire.putTeacherDownload> = async (req, res, params) => {
  const { allowed } = parseBody(wire.putTeacherDownload.body, req.body);
  await setTeacherDownload(await authenticate(req, 'revocation'), parseBody(idParam, params.meetingId), allowed);
  res.json({ allowed });
};

/** The audit query's recording, checked as one of our ids (the contract only knows it is a string). */

export const postAccessRequest: Handler<typeof wire.postAccessRequest> = async (req, res) => {
  const caller = await authenticate(req);
  const { recordingId } = parseBody(wire.accessRequestBody, req.body);
  await requestAccess(caller, recordingId === undefined ? null : parseBody(idParam, recordingId));
  // The same reply whatever the request raised (services/access/access-requests.ts).
  res.status(202).json({ sent: true });
};
