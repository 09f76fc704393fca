// GET /api/storage: the storage dashboard's figures (admin only).
import { requireAdmin } from '../services/access/role-gates';
import { storageSummary } from '../services/storage/storage-usage';
import { authenticate } from './http';
import type * as wire from '@lecturevault/contract';
import type { Handler } from './router';

export const getStorage: Handler<typeof wire.getStorage> = async (req, res) => {
  const caller = await authenticate(req);
  await requireAdmin(caller, 'view-storage');
  res.set('Cache-Control', 'no-store').json(await storageSummary());
};
