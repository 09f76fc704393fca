// PLACEHOLDER until the lead's tracer lands (issue 16): only the shared plan's signature, so the
// endpoint, the CLI and the console page build against it. The lead replaces this whole file.
import type { TraceReport } from '../api/wire-schemas';
import type { Actor } from '../store/audit';

export async function traceLeak(
  _actor: Actor,
  _clip: Buffer,
  _options: { recordingId?: string },
  _nowMs = Date.now(),
): Promise<TraceReport> {
  throw new Error('tracer not merged yet');
}
