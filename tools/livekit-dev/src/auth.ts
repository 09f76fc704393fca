// Verifies the SDK's Bearer JWT (HS256, iss = API key) and the video grant each method needs,
// failing the way livekit-server does: plain-text 401s for bad tokens, Twirp JSON for missing grants.
import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import { PlainUnauthorized, TwirpFault } from './errors.js';

export interface VideoGrant {
  roomCreate?: boolean;
  roomList?: boolean;
  roomRecord?: boolean;
  roomAdmin?: boolean;
  room?: string;
}

export const permissionDenied = (): TwirpFault => new TwirpFault('unauthenticated', 'permissions denied');

/** Returns the token's video grant; throws PlainUnauthorized or a Twirp "permissions denied". */
export async function verifyAuthHeader(
  header: string | undefined,
  apiKey: string,
  apiSecret: string,
): Promise<VideoGrant> {
  if (!header) throw permissionDenied(); // no token at all
  if (!header.startsWith('Bearer '))
    throw new PlainUnauthorized('invalid authorization header. Must start with Bearer ');
  const token = header.slice('Bearer '.length).trim();
  if (!token) throw permissionDenied();
  let iss: string | undefined;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    throw new PlainUnauthorized('invalid authorization token');
  }
  if (iss !== apiKey) throw new PlainUnauthorized(`invalid API key: ${iss ?? ''}`);
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(apiSecret), {
      algorithms: ['HS256'],
      issuer: apiKey,
    });
    const video = payload.video;
    return video && typeof video === 'object' ? (video as VideoGrant) : {};
  } catch (err) {
    // Never echo the token (the real server does; we keep tokens out of bodies and logs).
    const why = err instanceof joseErrors.JWTExpired ? 'token is expired' : (err as Error).message;
    throw new PlainUnauthorized(`invalid token: ${why}`);
  }
}
