// The LiveKit server SDK, loaded on first use. Most requests never talk to LiveKit (playback,
// access, the admin's reads), and the SDK with its protobuf runtime is ~150 files that every cold
// instance would otherwise load before its first answer (bench/cold-start.ts).
type LivekitSdk = typeof import('livekit-server-sdk');

let loading: Promise<LivekitSdk> | undefined;

export const livekitSdk = (): Promise<LivekitSdk> => (loading ??= import('livekit-server-sdk'));
