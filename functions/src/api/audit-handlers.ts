// The audit log for admins: /api/audit (the entries), /api/audit/counters (repeated refusals, tallied)
// and /api/audit/verify (the hash chains of a day); /api/people, who its filter picks from.
import { z } from 'zod';
import { auditCounters, queryAudit, verifyAudit } from '../services/audit/audit-review';
import { listPeople } from '../services/access/people-directory';
import { authenticate, idParam, parseBody } from './http';
import type { Handler } from './router';
import * as wire from '@lecturevault/contract';

export const getAuditCounters: Handler<typeof wire.getAuditCounters> = async (req, res) => {
  const caller = await authenticate(req);
  res.set('Cache-Control', 'no-store').json(await auditCounters(caller));
};

export const postAuditVerify: Handler<typeof wire.postAuditVerify> = async (req, res) => {
  const caller = await authenticate(req);
  const body = parseBody(wire.auditVerifyBody, req.body ?? {});
  res.set('Cache-Control', 'no-store').json(await verifyAudit(caller, body));
};

const auditIds = z.object({ recordingId: idParam.optional() });

export const getAudit: Handler<typeof wire.getAudit> = async (req, res) => {
  const caller = await authenticate(req);
  const query = parseBody(wire.getAudit.query, req.query);
  parseBody(auditIds, query);
  res.set('Cache-Control', 'no-store').json(await queryAudit(caller, query));
};

export const getPeople: Handler<typeof wire.getPeople> = async (req, res) => {
  res.set('Cache-Control', 'no-store').json(await listPeople(await authenticate(req)));
};
