// /api/audit/counters (repeated refusals, tallied) and /api/audit/verify (the hash chains of a day). Admin only.
import { auditCounters, verifyAudit } from '../services/audit/audit-review';
import { authenticate, parseBody } from './http';
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
