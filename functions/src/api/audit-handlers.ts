// /api/audit/counters (repeated refusals, tallied) and /api/audit/verify (the hash chains of a day). Admin only.
import { auditCounters, verifyAudit } from '../services/audit/audit-review';
import { authenticate, parseBody, type Sent } from './http';
import type { Handler } from './router';
import * as wire from './wire-schemas';

export const getAuditCounters: Handler = async (req, res) => {
  const caller = await authenticate(req);
  res.set('Cache-Control', 'no-store').json((await auditCounters(caller)) satisfies Sent<typeof wire.auditCounters>);
};

export const postAuditVerify: Handler = async (req, res) => {
  const caller = await authenticate(req);
  const body = parseBody(wire.auditVerifyBody, req.body ?? {});
  res
    .set('Cache-Control', 'no-store')
    .json((await verifyAudit(caller, body)) satisfies Sent<typeof wire.auditVerification>);
};
