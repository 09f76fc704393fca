// LiveKit API clients, built lazily from params (nothing is constructed, nor the SDK loaded, at
// import time), so the same code talks to LiveKit Cloud in production and to tools/livekit-dev locally.
import type { EgressClient, RoomServiceClient } from 'livekit-server-sdk';
import { livekitApiKey, livekitApiSecret, livekitUrl } from '../params';
import { livekitSdk } from './sdk';

export async function egressClient(): Promise<EgressClient> {
  const { EgressClient } = await livekitSdk();
  return new EgressClient(livekitUrl.value(), livekitApiKey.value(), livekitApiSecret.value());
}

export async function roomClient(): Promise<RoomServiceClient> {
  const { RoomServiceClient } = await livekitSdk();
  return new RoomServiceClient(livekitUrl.value(), livekitApiKey.value(), livekitApiSecret.value());
}
