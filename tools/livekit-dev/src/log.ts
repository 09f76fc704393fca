// Log events as functions: one stdout line each. Nothing here ever receives a secret or a token.
export interface Logger {
  request(method: string, path: string, status: number, ms: number): void;
  webhook(event: string, id: string, status: number | string, attempts: number, fault?: string): void;
  egress(egressId: string, what: string): void;
  info(what: string): void;
}

export function createLogger(quiet: boolean): Logger {
  const out = (line: string): void => {
    if (!quiet) process.stdout.write(`[livekit-dev] ${line}\n`);
  };
  return {
    request: (method, path, status, ms) => out(`${method} ${path} -> ${status} (${ms} ms)`),
    webhook: (event, id, status, attempts, fault) =>
      out(`webhook ${event} ${id} -> ${status} after ${attempts} attempt(s)${fault ? ` [fault: ${fault}]` : ''}`),
    egress: (egressId, what) => out(`egress ${egressId}: ${what}`),
    info: (what) => out(what),
  };
}
