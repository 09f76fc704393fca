// Downloads: a one-time link for browsers (POST, then a form POST navigation with the same token), the link itself (served by the
// long-timeout `downloads` function), and the token-authenticated stream for API clients.
import { download, downloadWithTicket, openDownloadLink } from '../services/playback/downloads';
import { authenticate, bearerToken, idParam, parseBody, verifyCaller } from './http';
import type { Handler } from './router';
import * as wire from '@lecturevault/contract';

export const getDownload: Handler<typeof wire.getDownload> = async (req, res, params) => {
  await download(await authenticate(req, 'revocation'), parseBody(idParam, params.recordingId), res);
};

export const postDownloadLink: Handler<typeof wire.postDownloadLink> = async (req, res, params) => {
  const caller = await authenticate(req, 'revocation');
  const recordingId = parseBody(idParam, params.recordingId);
  const { format } = parseBody(wire.downloadLinkBody, req.body ?? {});
  // authenticate() passed, so the bearer token exists: the link is bound to it.
  const link = await openDownloadLink(caller, recordingId, bearerToken(req)!, Date.now(), format);
  res.status(201).set('Cache-Control', 'no-store').json(link);
};

/**
 * A form POST navigation (the browser saves the stream to disk) carrying the ID token that minted
 * the ticket as the `idToken` field: the token is checked for revocation, then must match the ticket.
 */
export const postTicketDownload: Handler<typeof wire.postTicketDownload> = async (req, res, params) => {
  const body: unknown = req.body;
  const field = typeof body === 'object' && body !== null ? (body as { idToken?: unknown }).idToken : undefined;
  const idToken = typeof field === 'string' && field.length <= 8192 ? field : undefined;
  const caller = await verifyCaller(req, idToken, 'revocation');
  await downloadWithTicket(params.ticket, caller, idToken!, res);
};
