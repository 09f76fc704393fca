// LiveKit webhook endpoint: verify the signature over the raw body, then apply the event once.
// 401 for anything unverifiable, 400 for a signed event we can never store (LiveKit does not
// retry 4xx); 5xx only when a retry could help.
import type { Request } from 'firebase-functions/https';
import type { Response } from 'express';
import { sendFailure } from '../api/http';
import { verifyWebhook } from '../livekit/webhook-verify';
import * as logs from '../logs';
import { handleLivekitEvent, unusableEvent } from '../services/livekit-sync/livekit-events';

export async function handleLivekitWebhook(req: Request, res: Response): Promise<void> {
  if (req.method !== 'POST') {
    res.set('Allow', 'POST');
    sendFailure(res, 405, 'method-not-allowed', 'Use POST.');
    return;
  }
  let event;
  try {
    event = await verifyWebhook(req.rawBody, req.get('authorization'));
  } catch (error) {
    logs.webhookRejected(error instanceof Error ? error.message : 'unverifiable');
    sendFailure(res, 401, 'unauthenticated', 'Webhook signature is not valid.');
    return;
  }
  const unusable = unusableEvent(event);
  if (unusable) {
    logs.webhookRefused(event.event, unusable);
    sendFailure(res, 400, 'invalid-argument', `The event's ${unusable} cannot be stored.`);
    return;
  }
  try {
    const outcome = await handleLivekitEvent(event);
    logs.webhookReceived(event.event, event.id, outcome === 'duplicate');
    res.status(200).json({ ok: true, outcome, duplicate: outcome === 'duplicate' });
  } catch (error) {
    logs.requestFailed('livekitWebhook', error);
    sendFailure(res, 503, 'retry', 'Could not apply the event; retry.');
  }
}
