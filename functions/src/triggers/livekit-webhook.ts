// LiveKit webhook endpoint: verify the signature over the raw body, then record the event
// exactly once (the event id is the idempotency key; LiveKit retries 5xx with the same id).
import type { Request } from 'firebase-functions/https';
import type { Response } from 'express';
import { verifyWebhook } from '../livekit/clients';
import * as logs from '../logs';
import { recordWebhookEvent } from '../store/webhook-events';

export async function handleLivekitWebhook(req: Request, res: Response): Promise<void> {
  if (req.method !== 'POST') {
    res.status(405).set('Allow', 'POST').json({ error: { code: 'method-not-allowed', message: 'Use POST.' } });
    return;
  }
  let event;
  try {
    event = await verifyWebhook(req.rawBody, req.get('authorization'));
  } catch (error) {
    logs.webhookRejected(error instanceof Error ? error.message : 'unverifiable');
    res.status(401).json({ error: { code: 'unauthenticated', message: 'Webhook signature is not valid.' } });
    return;
  }
  const isNew = await recordWebhookEvent(event);
  logs.webhookReceived(event.event, event.id, !isNew);
  res.status(200).json({ ok: true, duplicate: !isNew });
}
