import type { IncomingMessage } from 'node:http';

/**
 * aws:SourceIp of a request: the socket's peer, or with TRUST_PROXY the first address of X-Forwarded-For.
 * An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d; IAM sees the IPv4 address.
 */
export function sourceIpOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
