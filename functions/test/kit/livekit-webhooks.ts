// Builds LiveKit webhook deliveries exactly as the LiveKit server does: the body's SHA-256 in a
// JWT made with the real SDK's AccessToken (the Go server uses the same claims).
import { createHash, randomBytes } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { FUNCTIONS_URL } from './emulators';

export const LIVEKIT_KEY = 'devkey';
export const LIVEKIT_SECRET = 'devsecret-devsecret-devsecret-0123456789';

export interface SignedDelivery {
  body: string;
  authorization: string;
}

export async function signWebhook(
  payload: Record<string, unknown>,
  { secret = LIVEKIT_SECRET, ttl = 300 }: { secret?: string; ttl?: number | string } = {},
): Promise<SignedDelivery> {
  const body = JSON.stringify({
    id: `EV_${randomBytes(6).toString('hex')}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    ...payload,
  });
  const token = new AccessToken(LIVEKIT_KEY, secret, { ttl });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return { body, authorization: await token.toJwt() };
}

export async function deliver({ body, authorization }: SignedDelivery): Promise<Response> {
  return fetch(`${FUNCTIONS_URL}/livekitWebhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', authorization, 'user-agent': 'LiveKit' },
    body,
  });
}

/**
 * Delivers as LiveKit does: a 5xx answer ("retry") is sent again after a short back-off. Under the
 * randomized concurrent redeliveries the Firestore emulator sometimes closes one of two contending
 * transactions ("Transaction is invalid or closed"); the endpoint answers 503 and the retry lands.
 */
export async function deliverWithRetries(delivery: SignedDelivery, attempts = 4): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await deliver(delivery);
    if (response.status < 500 || attempt === attempts) return response;
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}
