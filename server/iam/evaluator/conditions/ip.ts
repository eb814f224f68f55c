/** IpAddress (and, derived, NotIpAddress): CIDR ranges, IPv4 and IPv6; a bare address is /32 or /128. */
import ipaddr from 'ipaddr.js';
import type { ConditionOperator, OperatorFamily } from './operator';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** A range from `192.0.2.0/24`, `2001:db8::/32` or a bare address, or undefined when invalid. */
export function parseRange(text: string): [Address, number] | undefined {
  const trimmed = text.trim();
  // ipaddr.js also reads legacy IPv4 forms (`10.1`, `0x0a.0.0.1`); a policy takes dotted decimal only.
  const isIpv4 = !trimmed.includes(':');
  if (isIpv4 && !ipaddr.IPv4.isValidFourPartDecimal(trimmed.split('/')[0] ?? '')) return undefined;
  try {
    // Each family's own parser: ipaddr.parseCIDR tries IPv6 first and throws for every IPv4 range, which was a
    // fifth of the time a large seed took to load.
    if (trimmed.includes('/'))
      return isIpv4 ? ipaddr.IPv4.parseCIDR(trimmed) : ipaddr.IPv6.parseCIDR(trimmed);
    return isIpv4 ? [ipaddr.IPv4.parse(trimmed), 32] : [ipaddr.IPv6.parse(trimmed), 128];
  } catch {
    return undefined;
  }
}

/** The request's address; an IPv4-mapped IPv6 address counts as the IPv4 address it carries. */
function parseRequestAddress(text: string): Address | undefined {
  try {
    return ipaddr.process(text.trim());
  } catch {
    return undefined;
  }
}

export const IpAddress: ConditionOperator = {
  name: 'IpAddress',
  negatedName: 'NotIpAddress',
  compile: (value) => {
    const range = parseRange(value);
    if (!range) return { error: 'an IP address or CIDR block' };
    const [network, bits] = range;
    return {
      matches: (requestValue, context) => {
        const address = context.parsed(requestValue, parseRequestAddress);
        return address !== undefined && address.kind() === network.kind() && address.match(network, bits);
      },
    };
  },
};

export const ipOperators: OperatorFamily = [IpAddress];
