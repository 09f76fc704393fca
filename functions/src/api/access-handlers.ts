// Admin access management, recording lists and the audit log.
import { z } from 'zod';
import {
  grantAccess,
  removeGrant,
  revokeAccess,
  setBatchMember,
  setTeacherDownload,
  whoCanWatch,
} from '../services/access/access-admin';
import { queryAudit } from '../services/audit/audit-review';
import { libraryPage, listRecordings } from '../services/library/library';
import { updateRecordingDetails } from '../services/recording/recording-details';
import { authenticate, idParam, parseBody, type Sent } from './http';
import type { Handler } from './router';
import * as wire from './wire-schemas';

export const getRecordings: Handler = async (req, res) => {
  res
    .set('Cache-Control', 'no-store')
    .json({ recordings: await listRecordings(await authenticate(req)) } satisfies Sent<typeof wire.recordingList>);
};

export const getLibrary: Handler = async (req, res) => {
  const query = parseBody(wire.libraryQuery, req.query);
  res
    .set('Cache-Control', 'no-store')
    .json((await libraryPage(await authenticate(req), query)) satisfies Sent<typeof wire.libraryPage>);
};

export const putDetails: Handler = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const details = parseBody(wire.detailsBody, req.body);
  await updateRecordingDetails(caller, parseBody(idParam, params.recordingId), details);
  res.status(204).end();
};

export const getAccess: Handler = async (req, res, params) => {
  res.json(
    (await whoCanWatch(await authenticate(req), parseBody(idParam, params.recordingId))) satisfies Sent<
      typeof wire.accessList
    >,
  );
};

export const postGrant: Handler = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const { email } = parseBody(wire.emailBody, req.body);
  await grantAccess(caller, parseBody(idParam, params.recordingId), email);
  res.status(201).json({ email });
};

export const deleteGrant: Handler = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const { email } = parseBody(wire.emailBody, { email: params.email });
  await removeGrant(caller, parseBody(idParam, params.recordingId), email);
  res.status(204).end();
};

export const postRevocation: Handler = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const { email } = parseBody(wire.emailBody, req.body);
  const sessionsCut = await revokeAccess(caller, parseBody(idParam, params.recordingId), email);
  res.status(201).json({ email, sessionsCut } satisfies Sent<typeof wire.revocation>);
};

export const putMember: Handler = async (req, res, params) => {
  await setBatchMember(
    await authenticate(req, 'revocation'),
    parseBody(idParam, params.batchId),
    parseBody(idParam, params.uid),
    true,
  );
  res.status(204).end();
};

export const deleteMember: Handler = async (req, res, params) => {
  await setBatchMember(
    await authenticate(req, 'revocation'),
    parseBody(idParam, params.batchId),
    parseBody(idParam, params.uid),
    false,
  );
  res.status(204).end();
};

export const putTeacherDownload: Handler = async (req, res, params) => {
  const { allowed } = parseBody(z.object({ allowed: z.boolean() }), req.body);
  await setTeacherDownload(await authenticate(req, 'revocation'), parseBody(idParam, params.meetingId), allowed);
  res.json({ allowed });
};

const auditQuery = z.object({
  recordingId: idParam.optional(),
  uid: z.string().max(128).optional(),
  action: z.string().max(40).optional(),
  outcome: z.enum(['ok', 'denied', 'refused', 'error']).optional(),
  fromMs: z.coerce.number().int().optional(),
  toMs: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().optional(),
});

export const getAudit: Handler = async (req, res) => {
  const caller = await authenticate(req);
  res
    .set('Cache-Control', 'no-store')
    .json((await queryAudit(caller, parseBody(auditQuery, req.query))) satisfies Sent<typeof wire.auditPage>);
};
