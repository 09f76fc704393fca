// The LiveKit server SDK and its API clients, loaded and built lazily from params (nothing is
// constructed, nor the SDK loaded, at import time), so the same code talks to LiveKit Cloud in
// production and to tools/livekit-dev locally.
import type { EgressClient, RoomServiceClient } from 'livekit-server-sdk';
import { livekitApiKey, livekitApiSecret, livekitUrl } from '../params';

/**
 * The LiveKit server SDK, loaded on first use. Most requests never talk to LiveKit (playback,
 * access, the admin's reads), and the SDK with its protobuf runtime is many files that every cold
 * instance would otherwise load before its first answer (bench/cold-start.ts measures it).
 */
type LivekitSdk = typeof import('livekit-server-sdk');

let loading: Promise<LivekitSdk> | undefined;

export const livekitSdk = (): Promise<LivekitSdk> => (loading ??= import('livekit-server-sdk'));

export async function egressClient(): Promise<EgressClient> {
  const { EgressClient } = await livekitSdk();
  return new EgressClient(livekitUrl.value(), livekitApiKey.value(), livekitApiSecret.value());
}

export async function roomClient(): Promise<RoomServiceClient> {
  const { RoomServiceClient } = await livekitSdk();
  return new RoomServiceClient(livekitUrl.value(), livekitApiKey.value(), livekitApiSecret.value());
}
