// settings/global and usage/total: the figures the start guard and the storage dashboard need.
import { DEFAULT_SAFETY_MARGIN_BYTES, type StorageFigures } from '../domain/recording-guards';
import { db } from './firebase';

export interface Usage {
  bytes: number;
  seconds: number;
}

/** One batched read of settings and usage. */
export async function storageFigures(): Promise<{ figures: StorageFigures; usage: Usage }> {
  const [settings, usage] = await db().getAll(db().doc('settings/global'), db().doc('usage/total'));
  const bytes = (usage.get('bytes') as number | undefined) ?? 0;
  return {
    figures: {
      capacityBytes: (settings.get('storageCapacityBytes') as number | undefined) ?? 5 * 1024 ** 4,
      usedBytes: bytes,
      safetyMarginBytes: (settings.get('safetyMarginBytes') as number | undefined) ?? DEFAULT_SAFETY_MARGIN_BYTES,
      quotaBytes: settings.get('storageQuotaBytes') as number | undefined,
    },
    usage: { bytes, seconds: (usage.get('seconds') as number | undefined) ?? 0 },
  };
}
