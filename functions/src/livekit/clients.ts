// LiveKit API clients, built lazily from params (nothing is constructed at import time), so the
// same code talks to LiveKit Cloud in production and to tools/livekit-dev locally.
import { EgressClient, RoomServiceClient } from 'livekit-server-sdk';
import { livekitApiKey, livekitApiSecret, livekitUrl } from '../params';

export function egressClient(): EgressClient {
  return new EgressClient(livekitUrl.value(), livekitApiKey.value(), livekitApiSecret.value());
}

export function roomClient(): RoomServiceClient {
  return new RoomServiceClient(livekitUrl.value(), livekitApiKey.value(), livekitApiSecret.value());
}
