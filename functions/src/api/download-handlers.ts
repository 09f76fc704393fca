// Downloads: a one-time link for browsers (POST, then navigate), the link itself (served by the
// long-timeout `downloads` function), and the token-authenticated stream for API clients.
import { download, downloadWithTicket, openDownloadLink } from '../services/downloads';
import { authenticate, clientIp, clientUserAgent, idParam, parseBody, type Sent } from './http';
import type { Handler } from './router';
import type * as wire from './wire-schemas';

export const getDownload: Handler = async (req, res, params) => {
  await download(await authenticate(req), parseBody(idParam, params.recordingId), res);
};

export const postDownloadLink: Handler = async (req, res, params) => {
  const link = await openDownloadLink(await authenticate(req), parseBody(idParam, params.recordingId));
  res
    .status(201)
    .set('Cache-Control', 'no-store')
    .json(link satisfies Sent<typeof wire.downloadLink>);
};

/** No ID token: the unguessable, single-use ticket in the path is the credential. */
export const getTicketDownload: Handler = async (req, res, params) => {
  await downloadWithTicket(params.ticket, { ip: clientIp(req), userAgent: clientUserAgent(req) }, res);
};
