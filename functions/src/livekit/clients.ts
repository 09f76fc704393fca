// The only module that imports livekit-server-sdk. Clients are built lazily from params,
// so the same code talks to LiveKit Cloud in production and to tools/livekit-dev locally.
import { EgressClient, RoomServiceClient, WebhookReceiver } from 'livekit-server-sdk';
import { livekitApiKey, livekitApiSecret, livekitUrl } from '../params';
import { snapshotOf, type EgressSnapshot } from './egress';

export function egressClient(): EgressClient {
  return new EgressClient(livekitUrl.value(), livekitApiKey.value(), livekitApiSecret.value());
}

export function roomClient(): RoomServiceClient {
  return new RoomServiceClient(livekitUrl.value(), livekitApiKey.value(), livekitApiSecret.value());
}

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
