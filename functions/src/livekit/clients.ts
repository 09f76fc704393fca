// The only module that imports livekit-server-sdk. Clients are built lazily from params,
// so the same code talks to LiveKit Cloud in production and to tools/livekit-dev locally.
import { EgressClient, RoomServiceClient, WebhookReceiver } from 'livekit-server-sdk';
import { livekitApiKey, livekitApiSecret, livekitUrl } from '../params';

export function egressClient(): EgressClient {
  return new EgressClient(livekitUrl.value(), livekitApiKey.value(), livekitApiSecret.value());
}

export function roomClient(): RoomServiceClient {
  return new RoomServiceClient(livekitUrl.value(), livekitApiKey.value(), livekitApiSecret.value());
}

export interface VerifiedWebhook {
  id: string;
  event: string;
  createdAt: number;
  roomName?: string;
  participantIdentity?: string;
  egressId?: string;
  egressStatus?: number;
}

/**
 * Verifies the JWT signature and body hash of a LiveKit webhook.
 * `rawBody` must be the exact bytes received: a re-serialised body fails the sha256 check.
 */
export async function verifyWebhook(rawBody: Buffer, authorization: string | undefined): Promise<VerifiedWebhook> {
  const receiver = new WebhookReceiver(livekitApiKey.value(), livekitApiSecret.value());
  const event = await receiver.receive(rawBody.toString('utf8'), authorization);
  return {
    id: event.id,
    event: event.event,
    createdAt: Number(event.createdAt),
    roomName: event.room?.name,
    participantIdentity: event.participant?.identity,
    egressId: event.egressInfo?.egressId,
    egressStatus: event.egressInfo?.status,
  };
}
