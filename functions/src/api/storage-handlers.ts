// GET /api/storage: the storage dashboard's figures (admin only).
import { requireAdmin } from '../services/access/role-gates';
import { storageSummary } from '../services/storage/storage-usage';
import { authenticate, type Sent } from './http';
import type * as wire from './wire-schemas';
import type { Handler } from './router';

export const getStorage: Handler = async (req, res) => {
  const caller = await authenticate(req);
  await requireAdmin(caller, 'view-storage');
  res.set('Cache-Control', 'no-store').json((await storageSummary()) satisfies Sent<typeof wire.storageSummary>);
};
