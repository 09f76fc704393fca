// Where a request came from, as the audit log records it: the address the first trusted proxy saw
// (never a string the client wrote), and a capped, printable user agent. Pure: headers in, text out.
// The proxy chain and its sources are in docs/audit-log.md.
import { isIP } from 'node:net';

/**
 * Entries our own proxies append to X-Forwarded-For after the client's address, counted from the
 * right. Google's front end (in front of every Cloud Functions v2 / Cloud Run URL) appends
 * `<client-ip>,<load-balancer-ip>` to whatever the client sent, so the one entry left of its own
 * is the address that connected to it. Through Hosting the connecting client is Fastly, which
 * appended the browser's address first; what is observed there is `<client>, <google-address>`,
 * so the count is 1 on both paths. Only a real deploy can confirm it (docs/audit-log.md). If it
 * is wrong by one, we record a proxy's address; erring low never records a value the client wrote,
 * while erring high would (a caller of the function URL would pick the stored entry), so when in
 * doubt keep it low.
 */
export const TRUSTED_HOPS = 1;

export const UNKNOWN_IP = 'unknown';
export const USER_AGENT_MAX = 256;

export interface ClientHeaders {
  /** Every X-Forwarded-For header, as received (a client may send several). */
  forwardedFor?: string | readonly string[];
  /** The TCP peer: used only when no proxy forwarded the request at all (a local server). */
  socketAddress?: string;
}

/** A parsed address in its canonical text (IPv4 dotted, IPv6 lower case), or null. */
function address(text: string | undefined): string | null {
  const value = text?.trim() ?? '';
  if (value.length > 45 || isIP(value) === 0) return null;
  return value.toLowerCase();
}

/**
 * The client's address: the entry just left of the `trustedHops` entries our proxies appended.
 * A chain shorter than that was not built by our proxies: unknown, not whatever it says.
 */
export function clientIpOf(headers: ClientHeaders, trustedHops = TRUSTED_HOPS): string {
  const forwarded = ([] as string[]).concat(headers.forwardedFor ?? []);
  if (!forwarded.length) return address(headers.socketAddress) ?? UNKNOWN_IP;
  // Several headers are one list, in order (RFC 9110 §5.3); proxies append to the last.
  const hops = forwarded.join(',').split(',');
  if (hops.length > 64) return UNKNOWN_IP;
  const index = hops.length - 1 - trustedHops;
  return index >= 0 ? (address(hops[index]) ?? UNKNOWN_IP) : UNKNOWN_IP;
}

/** The user agent, capped and reduced to printable ASCII: it is shown to admins as text. */
export function userAgentOf(header: string | undefined): string {
  return (header ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, USER_AGENT_MAX);
}

/** The network an address belongs to, for counting floods: IPv4 /24, IPv6 /48 (one site). */
export function networkOf(ip: string): string {
  if (isIP(ip) === 4) return `${ip.split('.').slice(0, 3).join('.')}.x`;
  if (isIP(ip) === 6) {
    const [head = '', tail] = ip.split('::');
    const left = head ? head.split(':') : [];
    const right = tail !== undefined && tail ? tail.split(':') : [];
    const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
    return `${groups
      .slice(0, 3)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':')}::/48`;
  }
  return UNKNOWN_IP;
}
