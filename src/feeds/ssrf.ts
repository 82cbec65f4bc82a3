// SSRF guard for feeds that users add at run time. The check runs inside the undici connector,
// i.e. after DNS and on the address actually dialled, so it holds for every redirect hop and
// for DNS answers that change between polls (rebinding). Only globally routable unicast
// addresses pass, unless the allowlist (settings.allowPrivateNetworks) names the host or range.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector } from 'undici';
import { RaqibError } from '../core/types.ts';

export type LookupFn = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: LookupFn = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Thrown from the connector; the fetcher turns it into a `refused` result. */
export class RefusedAddressError extends RaqibError {
  constructor(message: string) {
    super('REFUSED', message);
    this.name = 'RefusedAddressError';
  }
}

const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  uniqueLocal: 'a private address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
};

/**
 * Why an address must not be dialled, or undefined when it is a public unicast address.
 * IPv4-mapped and IPv4-compatible IPv6 forms are judged as the IPv4 address they carry.
 */
export function addressProblem(address: string): string | undefined {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return `${address} is not an IP address`;
  }
  const shown = address;
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) {
      const v4 = v6.toIPv4Address().toString();
      const inner = addressProblem(v4);
      return inner ? `${shown} (IPv4-mapped ${v4}) ${inner.slice(inner.indexOf(' is ') + 1)}` : undefined;
    }
    // ::a.b.c.d (deprecated IPv4-compatible) and NAT64 / 6to4 / Teredo carry an IPv4 address a
    // gateway may forward to; none of them is a normal public endpoint.
    const range = v6.range();
    if (range !== 'unicast') return `${shown} is ${RANGE_WORDS[range] ?? `a reserved address (${range})`}`;
    return undefined;
  }
  const v4 = ip as ipaddr.IPv4;
  if (v4.toString() === '169.254.169.254') return `${shown} is the cloud metadata address`;
  const range = v4.range();
  if (range !== 'unicast') return `${shown} is ${RANGE_WORDS[range] ?? `a reserved address (${range})`}`;
  return undefined;
}

/** Parsed settings.allowPrivateNetworks: host names, "*.suffix" patterns, IPs and CIDR ranges. */
export class Allowlist {
  private readonly hosts = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  /** Entries that could not be understood; config checks can report them. */
  readonly invalid: string[] = [];

  constructor(entries: readonly string[] = []) {
    for (const raw of entries) {
      const e = raw.trim().toLowerCase();
      if (e === '') continue;
      if (e.includes('/')) {
        try {
          const [addr, bits] = ipaddr.parseCIDR(e);
          this.ranges.push([addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr, bits]);
        } catch {
          this.invalid.push(raw);
        }
      } else if (ipaddr.isValid(e.replace(/^\[|\]$/g, ''))) {
        const a = ipaddr.process(e.replace(/^\[|\]$/g, ''));
        this.ranges.push([a, a.kind() === 'ipv4' ? 32 : 128]);
      } else if (e.startsWith('*.')) this.suffixes.push(e.slice(1));
      else if (/^[a-z0-9.-]+$/.test(e)) this.hosts.add(e.replace(/\.$/, ''));
      else this.invalid.push(raw);
    }
  }

  get empty(): boolean {
    return this.hosts.size === 0 && this.suffixes.length === 0 && this.ranges.length === 0;
  }

  allowsHost(hostname: string): boolean {
    const h = hostname.toLowerCase().replace(/\.$/, '');
    return this.hosts.has(h) || this.suffixes.some((s) => h.endsWith(s));
  }

  allowsAddress(address: string): boolean {
    let ip: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      ip = ipaddr.process(address);
    } catch {
      return false;
    }
    return this.ranges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
  }
}

export interface GuardOptions {
  allowlist?: Allowlist;
  /** DNS override for tests; the system resolver by default. */
  lookup?: LookupFn;
}

/**
 * Resolves a host and checks every address it resolves to (one bad answer refuses the host: a
 * name that maps to both a public and an internal address is an attack, not a mirror).
 * Returns the address to dial.
 */
export async function resolveChecked(hostname: string, opts: GuardOptions = {}): Promise<{ address: string; family: number }> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const allow = opts.allowlist;
  const hostAllowed = allow?.allowsHost(host) ?? false;
  const family = isIP(host);
  const answers = family ? [{ address: host, family }] : await (opts.lookup ?? systemLookup)(host);
  if (answers.length === 0) throw new RaqibError('NETWORK', `${host} did not resolve`);
  for (const a of answers) {
    if (hostAllowed || allow?.allowsAddress(a.address)) continue;
    const problem = addressProblem(a.address);
    if (problem) throw new RefusedAddressError(family ? problem : `${host} resolves to ${problem.replace(' is ', ', ')}`);
  }
  return answers[0]!;
}

export interface GuardedAgentOptions extends GuardOptions {
  connectTimeoutMs?: number;
}

/** An undici Agent whose connector refuses non-public addresses after DNS, on every connection. */
export function createGuardedAgent(opts: GuardedAgentOptions = {}): Agent {
  const base = buildConnector({ timeout: opts.connectTimeoutMs ?? 10_000 });
  return new Agent({
    connect(connOpts, callback) {
      const hostname = connOpts.hostname;
      resolveChecked(hostname, opts).then(
        ({ address }) => {
          // Dial the checked address; keep the name for TLS SNI and certificate checks.
          const servername = connOpts.servername ?? (isIP(hostname) ? undefined : hostname);
          base({ ...connOpts, hostname: address, servername: servername as string }, callback);
        },
        (err: Error) => callback(err, null),
      );
    },
  });
}
