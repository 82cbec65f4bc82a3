// The SSRF guard: address classes, refusals through the real connector (no request reaches the
// local server), DNS answers checked after resolution, and redirects checked hop by hop.
// Every host here really is 127.0.0.1; a test DNS table stands in for the outside world, and the
// allowlist entry "feeds.example" plays the part of a legitimately reachable host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/feeds/fetch.ts';
import { addressProblem, Allowlist, type LookupFn } from '../../src/feeds/ssrf.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';

const RSS = '<rss version="2.0"><channel><title>T</title></channel></rss>';

describe('addressProblem', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1 is a loopback address'],
    ['10.0.0.5', '10.0.0.5 is a private address'],
    ['172.16.3.4', '172.16.3.4 is a private address'],
    ['192.168.1.1', '192.168.1.1 is a private address'],
    ['169.254.169.254', '169.254.169.254 is the cloud metadata address'],
    ['169.254.10.1', '169.254.10.1 is a link-local address'],
    ['100.64.0.1', '100.64.0.1 is a carrier-grade NAT address'],
    ['0.0.0.0', '0.0.0.0 is an unspecified address'],
    ['::1', '::1 is a loopback address'],
    ['fe80::1', 'fe80::1 is a link-local address'],
    ['fd12:3456::1', 'fd12:3456::1 is a private address'],
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1 (IPv4-mapped 127.0.0.1) is a loopback address'],
    ['::ffff:a00:5', '::ffff:a00:5 (IPv4-mapped 10.0.0.5) is a private address'],
    ['::ffff:169.254.169.254', '::ffff:169.254.169.254 (IPv4-mapped 169.254.169.254) is the cloud metadata address'],
  ])('%s is refused', (addr, why) => {
    expect(addressProblem(addr)).toBe(why);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (addr) => {
    expect(addressProblem(addr)).toBeUndefined();
  });

  it('parses the allowlist: hosts, wildcards, IPs and CIDRs, reporting junk', () => {
    const a = new Allowlist(['LOCALHOST', '*.corp.internal', '127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'not a host!']);
    expect(a.allowsHost('localhost')).toBe(true);
    expect(a.allowsHost('feeds.corp.internal')).toBe(true);
    expect(a.allowsHost('corp.internal.evil.com')).toBe(false);
    expect(a.allowsAddress('127.0.0.1')).toBe(true);
    expect(a.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(a.allowsAddress('10.200.1.1')).toBe(true);
    expect(a.allowsAddress('11.0.0.1')).toBe(false);
    expect(a.allowsAddress('fd00::5')).toBe(true);
    expect(a.invalid).toEqual(['not a host!']);
  });
});

describe('guarded fetching', () => {
  let server: FeedServer;
  const dns: Record<string, string[]> = {};
  const lookup: LookupFn = async (host) => {
    const addrs = dns[host];
    if (!addrs) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addrs.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

  beforeAll(async () => {
    server = await startFeedServer();
    server.serve('/feed.xml', RSS);
    server.serve('/secret', 'internal admin page');
    dns['feeds.example'] = ['127.0.0.1'];
    dns['internal.example'] = ['127.0.0.1'];
    dns['mixed.example'] = ['93.184.215.14', '10.1.2.3'];
  });
  afterAll(async () => {
    await server.close();
  });

  const refusedWith = async (url: string, allow: string[], message: string) => {
    const f = createFetcher({ allowPrivateNetworks: allow, lookup, totalTimeoutMs: 3_000 });
    try {
      const r = await f.fetch(url);
      expect(r).toMatchObject({ kind: 'refused', message });
    } finally {
      await f.close();
    }
  };

  it('refuses loopback without the allowlist, and no request reaches the server', async () => {
    const before = server.requests.length;
    await refusedWith(server.url('/feed.xml'), [], '127.0.0.1 is a loopback address');
    expect(server.requests.length).toBe(before);
  });

  it('refuses private, metadata and IPv4-mapped literals before connecting', async () => {
    await refusedWith('http://10.0.0.5/feed.xml', [], '10.0.0.5 is a private address');
    await refusedWith('http://169.254.169.254/latest/meta-data/', [], '169.254.169.254 is the cloud metadata address');
    await refusedWith(`http://[::ffff:127.0.0.1]:${server.port}/feed.xml`, [], '::ffff:7f00:1 (IPv4-mapped 127.0.0.1) is a loopback address');
    await refusedWith('http://[::1]/feed.xml', [], '::1 is a loopback address');
  });

  it('checks the address a name resolves to', async () => {
    await refusedWith(`http://internal.example:${server.port}/feed.xml`, [], 'internal.example resolves to 127.0.0.1, a loopback address');
    // One internal answer among public ones refuses the name (rebinding / split answers).
    await refusedWith('http://mixed.example/feed.xml', [], 'mixed.example resolves to 10.1.2.3, a private address');
  });

  it('lets the allowlist through, by address or by name', async () => {
    for (const allow of [['127.0.0.1'], ['127.0.0.0/8'], ['feeds.example']]) {
      const f = createFetcher({ allowPrivateNetworks: allow, lookup });
      try {
        const r = await f.fetch(`http://feeds.example:${server.port}/feed.xml`);
        expect(r.kind).toBe('fetched');
      } finally {
        await f.close();
      }
    }
  });

  it('allowPrivate: true switches the check off (trusted local deployments)', async () => {
    const f = createFetcher({ allowPrivate: true });
    try {
      expect((await f.fetch(server.url('/feed.xml'))).kind).toBe('fetched');
    } finally {
      await f.close();
    }
  });

  it('checks every redirect hop: an allowed host cannot bounce the fetch to an internal one', async () => {
    server.redirect('/bounce-name', `http://internal.example:${server.port}/secret`);
    server.redirect('/bounce-ip', `http://127.0.0.1:${server.port}/secret`);
    server.redirect('/bounce-metadata', 'http://169.254.169.254/latest/meta-data/');
    const base = `http://feeds.example:${server.port}`;
    await refusedWith(`${base}/bounce-name`, ['feeds.example'], 'internal.example resolves to 127.0.0.1, a loopback address');
    await refusedWith(`${base}/bounce-ip`, ['feeds.example'], '127.0.0.1 is a loopback address');
    await refusedWith(`${base}/bounce-metadata`, ['feeds.example'], '169.254.169.254 is the cloud metadata address');
    expect(server.hits('/bounce-name')).toHaveLength(1);
    expect(server.hits('/secret')).toHaveLength(0);
  });

  it('reports a name that does not resolve as a network error, not a refusal', async () => {
    const f = createFetcher({ lookup });
    try {
      const r = await f.fetch('http://nowhere.example/feed.xml');
      expect(r).toMatchObject({ kind: 'networkError', message: 'host not found (DNS)' });
    } finally {
      await f.close();
    }
  });
});
