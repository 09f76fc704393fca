// Signed webhook sender: one global FIFO queue (so order is kept per room and per egress), retries on
// 5xx/network errors with the same id, never on 4xx, drops beyond 100 queued, plus fault injection.
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Logger } from './log.js';
import { newId } from './rooms.js';
import type { Json, JsonObject } from './wire.js';
import { toWebhook } from './wire.js';

export type WebhookEventName =
  | 'room_started'
  | 'room_finished'
  | 'participant_joined'
  | 'participant_left'
  | 'egress_started'
  | 'egress_updated'
  | 'egress_ended';

export type WebhookFaultMode = 'duplicate' | 'reorder' | 'drop' | 'forge';
export const WEBHOOK_FAULT_MODES: readonly WebhookFaultMode[] = ['duplicate', 'reorder', 'drop', 'forge'];

export interface DeliveryRecord {
  id: string;
  event: string;
  room?: string;
  egressId?: string;
  egressStatus?: string;
  status: number | null; // HTTP status of the last attempt; null = network error or never sent
  attempts: number;
  fault?: WebhookFaultMode | 'queue-full' | 'no-url';
  error?: string;
  at: string;
}

interface Item {
  id: string;
  event: string;
  body: string;
  forge: boolean;
  fault?: WebhookFaultMode;
  meta: Pick<DeliveryRecord, 'room' | 'egressId' | 'egressStatus'>;
}

export interface WebhookPayload {
  room: { sid: string; name: string } | JsonObject;
  participant?: JsonObject;
  egressInfo?: JsonObject;
}

const MAX_QUEUE = 100;
const MAX_RETRIES = 4;
const MAX_LOG = 1000;
const REORDER_RELEASE_MS = 3000; // a held (reordered) event is sent anyway if nothing follows it

export class WebhookSender {
  private queue: Item[] = [];
  private held?: Item;
  private heldTimer?: NodeJS.Timeout;
  private faults: { mode: WebhookFaultMode; remaining: number }[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];
  readonly log: DeliveryRecord[] = [];

  constructor(
    private readonly opts: {
      url?: string;
      apiKey: string;
      apiSecret: string;
      logger: Logger;
      retryBaseMs?: number;
    },
  ) {}

  addFault(mode: WebhookFaultMode, count: number): void {
    this.faults.push({ mode, remaining: count });
  }

  send(event: WebhookEventName, payload: WebhookPayload): void {
    const id = newId('EV_');
    const full: JsonObject = {
      event,
      room: payload.room as Json,
      ...(payload.participant ? { participant: payload.participant } : {}),
      ...(payload.egressInfo ? { egressInfo: payload.egressInfo } : {}),
      id,
      createdAt: Math.floor(Date.now() / 1000).toString(),
    };
    const item: Item = {
      id,
      event,
      body: JSON.stringify(toWebhook(full)),
      forge: false,
      meta: {
        room: typeof payload.room.name === 'string' ? payload.room.name : undefined,
        egressId: payload.egressInfo?.egressId as string | undefined,
        egressStatus: payload.egressInfo?.status as string | undefined,
      },
    };
    if (!this.opts.url) {
      this.record(item, null, 0, 'no-url');
      return;
    }
    const fault = this.takeFault();
    item.fault = fault;
    if (fault === 'drop') {
      this.record(item, null, 0, 'drop');
      return;
    }
    if (fault === 'forge') item.forge = true;
    if (fault === 'reorder' && !this.held) {
      this.held = item;
      this.heldTimer = setTimeout(() => this.releaseHeld(), REORDER_RELEASE_MS);
      return;
    }
    this.enqueue(item);
    if (fault === 'duplicate') this.enqueue({ ...item });
    this.releaseHeld();
  }

  /** Resolves when nothing is queued, held or in flight (tests). */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0 && !this.held) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Forget queue, faults and log (control reset). */
  reset(): void {
    this.queue = [];
    this.faults = [];
    this.log.length = 0;
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.held = undefined;
    this.notifyIdle();
  }

  close(): void {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.queue = [];
    this.held = undefined;
    this.notifyIdle();
  }

  private takeFault(): WebhookFaultMode | undefined {
    const f = this.faults[0];
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults.shift();
    return f.mode;
  }

  private releaseHeld(): void {
    if (!this.held) return;
    if (this.heldTimer) clearTimeout(this.heldTimer);
    const h = this.held;
    this.held = undefined;
    this.enqueue(h);
  }

  private enqueue(item: Item): void {
    if (this.queue.length >= MAX_QUEUE) {
      this.record(item, null, 0, 'queue-full');
      return;
    }
    this.queue.push(item);
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) await this.deliver(item);
    } finally {
      this.running = false;
      this.notifyIdle();
    }
  }

  private notifyIdle(): void {
    if (this.running || this.queue.length || this.held) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async deliver(item: Item): Promise<void> {
    const base = this.opts.retryBaseMs ?? 200;
    let status: number | null = null;
    let error: string | undefined;
    let attempts = 0;
    while (attempts <= MAX_RETRIES) {
      attempts += 1;
      error = undefined;
      try {
        const res = await fetch(this.opts.url!, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/webhook+json',
            'User-Agent': 'LiveKit',
            Authorization: await this.sign(item.body, item.forge),
          },
          body: item.body,
          signal: AbortSignal.timeout(5000),
        });
        status = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (status < 500) break; // success or 4xx: never retried
      } catch (err) {
        status = null;
        error = (err as Error).message;
      }
      if (attempts <= MAX_RETRIES) await new Promise((r) => setTimeout(r, base * attempts));
    }
    this.record(item, status, attempts, item.fault, error);
  }

  private async sign(body: string, forge: boolean): Promise<string> {
    const sha256 = createHash('sha256').update(body).digest('base64');
    const secret = forge ? `${this.opts.apiSecret}-forged` : this.opts.apiSecret;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sha256 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.opts.apiKey)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(secret));
  }

  private record(
    item: Item,
    status: number | null,
    attempts: number,
    fault?: DeliveryRecord['fault'],
    error?: string,
  ): void {
    this.log.push({
      id: item.id,
      event: item.event,
      ...item.meta,
      status,
      attempts,
      fault,
      error,
      at: new Date().toISOString(),
    });
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    if (fault === 'no-url') this.opts.logger.webhook(item.event, item.id, 'not sent (LIVEKIT_WEBHOOK_URL unset)', 0);
    else this.opts.logger.webhook(item.event, item.id, status ?? error ?? 'not sent', attempts, fault);
  }
}
