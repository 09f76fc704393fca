// GET /api/alerts?limit=1, read for its unread count only (the navigation badge).
import type { ApiFetch } from './http-api';
import { fields, num } from './parse';

export async function fetchUnreadAlertCount(apiFetch: ApiFetch): Promise<number> {
  return num(fields(await apiFetch('/api/alerts?limit=1'), 'the alerts'), 'unread', 'the alerts');
}
