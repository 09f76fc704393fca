// Verifying a LiveKit webhook (JWT signature and body hash) and translating it into our own event
// shape, egress facts included; nothing outside this folder sees the SDK's WebhookEvent.
import { livekitApiKey, livekitApiSecret } from '../params';
import { snapshotOf, type EgressSnapshot } from './egress-snapshot';
import { livekitSdk } from './clients';

export interface VerifiedWebhook {
  id: string;
  event: string;
  createdAtMs: number;
  roomName?: string;
  participantIdentity?: string;
  egress?: EgressSnapshot;
}

/**
 * Verifies the JWT signature and body hash of a LiveKit webhook.
 * `rawBody` must be the exact bytes received: a re-serialised body fails the sha256 check.
 */
export async function verifyWebhook(rawBody: Buffer, authorization: string | undefined): Promise<VerifiedWebhook> {
  const { WebhookReceiver } = await livekitSdk();
  const receiver = new WebhookReceiver(livekitApiKey.value(), livekitApiSecret.value());
  const event = await receiver.receive(rawBody.toString('utf8'), authorization);
  if (!event.id || !event.event) throw new Error('webhook without id or event');
  return {
    id: event.id,
    event: event.event,
    createdAtMs: Number(event.createdAt) * 1000,
    roomName: event.room?.name || event.egressInfo?.roomName,
    participantIdentity: event.participant?.identity,
    egress: event.egressInfo ? snapshotOf(event.egressInfo) : undefined,
  };
}
