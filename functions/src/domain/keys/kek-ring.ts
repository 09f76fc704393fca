// The key-encryption keyring: the RECORDING_KEK secret holds one or more KEK versions, newest
// first ("v2:<base64>,v1:<base64>"). The first wraps every new recording key; the others only
// unwrap keys not yet re-wrapped. A bare base64 value (the format before rotation existed) is
// version "1", so a project that never rotated reads its secret unchanged.
import { kekFromSecret } from './segment-crypto';

/** Wrapped keys stored before versions existed carry no version: they were wrapped by "1". */
export const LEGACY_KEK_VERSION = '1';

export interface KekRing {
  /** The version that wraps new keys (and re-wraps old ones). */
  readonly current: string;
  /** Every KEK the secret holds, current first. */
  readonly keks: readonly Buffer[];
  kek(version: string): Buffer | undefined;
}

const VERSION = /^[A-Za-z0-9_-]{1,16}$/;

export function parseKekRing(secret: string): KekRing {
  const entries = secret
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): [string, Buffer] => {
      const colon = part.indexOf(':');
      if (colon < 0) return [LEGACY_KEK_VERSION, kekFromSecret(part)];
      const version = part.slice(0, colon);
      if (!VERSION.test(version)) throw new Error('RECORDING_KEK: a version is 1-16 letters, digits, - or _');
      return [version, kekFromSecret(part.slice(colon + 1))];
    });
  if (!entries.length) throw new Error('RECORDING_KEK is empty');
  const byVersion = new Map(entries);
  if (byVersion.size !== entries.length) throw new Error('RECORDING_KEK names a version twice');
  return { current: entries[0]![0], keks: entries.map(([, kek]) => kek), kek: (version) => byVersion.get(version) };
}
