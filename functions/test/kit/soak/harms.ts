// The soak's real harm, each made by the operating system rather than by a message: SIGKILL of
// processes found by their command line, a TCP gate in front of the Storage emulator that resets
// connections, and a small tmpfs for the egress spool that a filler file makes full.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * Processes whose command line contains `needle` (Linux /proc), this process excluded, and only
 * in this network namespace: on a machine shared with other checkouts (each in a namespace of its
 * own), their emulators' workers are not ours to kill.
 */
export function processesMatching(needle: string): number[] {
  const ownNet = fs.readlinkSync('/proc/self/ns/net');
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (
        fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle) &&
        fs.readlinkSync(`/proc/${name}/ns/net`) === ownNet
      )
        pids.push(Number(name));
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return pids;
}

/** SIGKILLs every process matching `needle` (and `also`, when given); returns how many it killed. */
export function killMatching(needle: string, also: (pid: number) => boolean = () => true): number {
  let killed = 0;
  for (const pid of processesMatching(needle).filter(also)) {
    try {
      process.kill(pid, 'SIGKILL');
      killed += 1;
    } catch {
      /* exited meanwhile */
    }
  }
  return killed;
}

/** The egress's ffmpeg: its segment directory is named after the egress, so the id is on its command line. */
export const killEgressWorker = (egressId: string): number => killMatching(egressId);

/**
 * The functions emulator runs each worker as `node …/functionsEmulatorRuntime` and names the
 * function it serves in the worker's FUNCTION_TARGET. SIGKILLs the workers of `fn` (every instance
 * of one function crashes, mid-run; the others stay warm); the emulator starts a new one on the
 * next invocation, as Cloud Functions starts a new instance after a crash.
 */
export const killFunctionsWorkers = (fn: string): number =>
  killMatching('functionsEmulatorRuntime', (pid) => serves(pid, fn));

function serves(pid: number, fn: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`FUNCTION_TARGET=${fn}`);
  } catch {
    return false; // gone meanwhile
  }
}

/**
 * A TCP gate between the stand-in's uploads and the Storage emulator. Open, it forwards bytes
 * untouched; refusing, it resets every new connection and the open ones (HTTP keep-alive would
 * otherwise carry uploads through), as a Storage front end that drops writes does.
 */
export class StorageGate {
  private server?: net.Server;
  private readonly open = new Set<net.Socket>();
  private refusing = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      if (this.refusing) {
        client.resetAndDestroy();
        return;
      }
      const upstream = net.connect(this.target.port, this.target.host);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ]) {
        this.open.add(a);
        a.on('error', () => b.destroy());
        a.on('close', () => (this.open.delete(a), b.destroy()));
        a.pipe(b);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  refuse(on: boolean): void {
    this.refusing = on;
    if (on) for (const socket of this.open) socket.resetAndDestroy();
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * The egress spool on a tmpfs of its own (root only: mounting needs it), so "the disk is full"
 * is real ENOSPC for ffmpeg. `fill` takes every free byte with a filler file; `drain` removes it.
 */
export class Spool {
  private constructor(
    readonly dir: string,
    private readonly mounted: boolean,
  ) {}

  /** A tmpfs of `sizeMb` at `dir`; undefined (with the reason) when this process may not mount. */
  static mount(dir: string, sizeMb: number): Spool | string {
    if (process.getuid?.() !== 0) return 'not root: the full-disk harm is skipped';
    fs.mkdirSync(dir, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
    } catch (error) {
      return `mount failed (${(error as Error).message.split('\n')[0]}): the full-disk harm is skipped`;
    }
    return new Spool(dir, true);
  }

  private get filler(): string {
    return path.join(this.dir, 'filler');
  }

  fill(): void {
    const { bavail, bsize } = fs.statfsSync(this.dir);
    const fd = fs.openSync(this.filler, 'w');
    try {
      const chunk = Buffer.alloc(Math.max(bsize, 64 * 1024));
      for (let left = bavail * bsize; left > 0; left -= chunk.length) fs.writeSync(fd, chunk);
    } catch {
      /* ENOSPC: full, which is the point */
    } finally {
      fs.closeSync(fd);
    }
  }

  drain(): void {
    fs.rmSync(this.filler, { force: true });
  }

  unmount(): void {
    this.drain();
    if (this.mounted) execFileSync('umount', ['-l', this.dir], { stdio: 'ignore' });
  }
}
