import { WebsiteFake } from '@parley/fakes';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { FetchRefusedError, Resolver, SafeFetcher, systemResolver } from './safe-fetcher';

const options = { maxBytes: 2_000_000, timeoutMs: 3000, maxRedirects: 5 };

async function refusal(fetcher: SafeFetcher, url: string): Promise<FetchRefusedError> {
  try {
    await fetcher.fetch(url);
  } catch (error) {
    if (error instanceof FetchRefusedError) return error;
    throw error;
  }
  throw new Error(`${url} was fetched`);
}

describe('SafeFetcher', () => {
  let site: WebsiteFake;
  beforeAll(async () => {
    site = await new WebsiteFake().start();
  });
  afterAll(() => site.stop());

  describe('with the guard on', () => {
    const guarded = new SafeFetcher({ ...options, allowPrivate: false });

    it.each([
      ['http://127.0.0.1/', 'loopback'],
      ['http://127.1/', 'loopback'],
      ['http://2130706433/', 'loopback'],
      ['http://0x7f000001/', 'loopback'],
      ['http://[::1]/', 'loopback'],
      ['http://169.254.169.254/latest/meta-data/', 'metadata'],
      ['http://[fd00:ec2::254]/', 'metadata'],
      ['http://10.0.0.8:8080/admin', 'private'],
      ['http://192.168.1.1/', 'private'],
      ['http://172.20.0.1/', 'private'],
      ['http://[fe80::1]/', 'link-local'],
      ['http://0.0.0.0:3000/', 'unspecified'],
      ['http://[::ffff:127.0.0.1]/', 'IPv4-mapped'],
      ['http://[::ffff:a9fe:a9fe]/', 'IPv4-mapped'],
      ['http://224.0.0.1/', 'multicast'],
    ])('refuses %s (%s)', async (url, words) => {
      const error = await refusal(guarded, url);
      expect(error.kind).toBe('refused');
      expect(error.message).toContain(words);
    });

    it('refuses the loopback address of the running site itself', async () => {
      expect((await refusal(guarded, site.page('/'))).kind).toBe('refused');
      expect(site.requests()).toHaveLength(0);
    });

    it('refuses a DNS name that resolves to a private address, with the real resolver (localhost)', async () => {
      const error = await refusal(guarded, 'http://localhost:9/');
      expect(error.kind).toBe('refused');
      expect(error.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
      expect((await systemResolver('localhost')).length).toBeGreaterThan(0);
    });

    it('refuses a name when any of its addresses is private (a public and a private answer)', async () => {
      const resolver: Resolver = async (host) =>
        host === 'mixed.example'
          ? [
              { address: '93.184.216.34', family: 4 },
              { address: '10.0.0.5', family: 4 },
            ]
          : [{ address: 'fd00:ec2::254', family: 6 }];
      const fetcher = new SafeFetcher({ ...options, allowPrivate: false, resolver });
      expect((await refusal(fetcher, 'https://mixed.example/')).message).toContain(
        'mixed.example resolves to 10.0.0.5',
      );
      expect((await refusal(fetcher, 'https://metadata.example/')).message).toContain('cloud metadata');
    });

    it('says when a name does not resolve', async () => {
      const resolver: Resolver = async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      };
      const fetcher = new SafeFetcher({ ...options, allowPrivate: false, resolver });
      expect(await refusal(fetcher, 'https://nowhere.invalid/')).toMatchObject({ kind: 'unreachable' });
    });

    it.each([
      'file:///etc/passwd',
      'ftp://example.com/',
      'gopher://example.com/',
      'javascript:alert(1)',
      'not a url',
      'http://user:pw@example.com/',
    ])('refuses %s before any lookup', async (url) => {
      const resolver = jest.fn<ReturnType<Resolver>, Parameters<Resolver>>();
      const fetcher = new SafeFetcher({ ...options, allowPrivate: false, resolver });
      expect((await refusal(fetcher, url)).kind).toBe('unsupported');
      expect(resolver).not.toHaveBeenCalled();
    });
  });

  describe('with RAG_ALLOW_PRIVATE_URLS (tests and demos)', () => {
    const fetcher = new SafeFetcher({ ...options, allowPrivate: true });

    it('fetches an HTML page and a text page', async () => {
      const page = await fetcher.fetch(site.page('/pricing'));
      expect(page).toMatchObject({ url: site.page('/pricing'), contentType: 'html' });
      expect(page.body).toContain('Starter plan');
      expect(await fetcher.fetch(site.page('/notes.txt'))).toMatchObject({ contentType: 'text' });
    });

    it('follows a redirect within the site and reports the final URL', async () => {
      expect((await fetcher.fetch(site.page('/old-pricing'))).url).toBe(site.page('/pricing'));
    });

    it('checks every redirect hop: a redirect to the metadata address or a link-local one is refused', async () => {
      site.clearRequests();
      const metadata = await refusal(fetcher, site.page('/metadata-redirect'));
      expect(metadata).toMatchObject({ kind: 'refused' });
      expect(metadata.message).toContain('169.254.169.254');
      expect(await refusal(fetcher, site.page('/link-local-redirect'))).toMatchObject({ kind: 'refused' });
      expect(site.requests().map((r) => r.path)).toEqual(['/metadata-redirect', '/link-local-redirect']);
    });

    it('checks the address of a redirect target found by name, after resolving it', async () => {
      const hop = createServer((_req, res) => {
        res.writeHead(307, { location: 'http://instance-data.test/latest/meta-data/' }).end();
      });
      await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
      const port = (hop.address() as AddressInfo).port;
      const resolver: Resolver = async (host) => [
        { address: host === 'instance-data.test' ? '169.254.169.254' : '127.0.0.1', family: 4 },
      ];
      try {
        const viaName = new SafeFetcher({ ...options, allowPrivate: true, resolver });
        const error = await refusal(viaName, `http://shop.test:${port}/`);
        expect(error.kind).toBe('refused');
        expect(error.message).toContain('instance-data.test resolves to 169.254.169.254');
      } finally {
        await closeServer(hop);
      }
    });

    it('skips binary content by its type, not its name', async () => {
      expect(await refusal(fetcher, site.page('/brochure.pdf'))).toMatchObject({ kind: 'unsupported' });
      expect(await refusal(fetcher, site.page('/download'))).toMatchObject({ kind: 'unsupported' });
    });

    it('refuses a page larger than the limit, even without a content length', async () => {
      expect(await refusal(fetcher, site.page('/big'))).toMatchObject({ kind: 'too-large' });
    });

    it('gives up on a page that takes too long', async () => {
      site.fail({ path: '/about', response: { status: 200, raw: 'late', delayMs: 2000 }, times: 1 });
      const quick = new SafeFetcher({ ...options, allowPrivate: true, timeoutMs: 300 });
      const started = Date.now();
      expect(await refusal(quick, site.page('/about'))).toMatchObject({ kind: 'unreachable' });
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('reports HTTP errors and redirect loops', async () => {
      expect(await refusal(fetcher, site.page('/missing'))).toMatchObject({ kind: 'http' });
      const loop = createServer((_req, res) => res.writeHead(302, { location: '/again' }).end());
      await new Promise<void>((resolve) => loop.listen(0, '127.0.0.1', resolve));
      try {
        const port = (loop.address() as AddressInfo).port;
        expect((await refusal(fetcher, `http://127.0.0.1:${port}/`)).message).toContain(
          'redirected more than 5 times',
        );
      } finally {
        await closeServer(loop);
      }
    });

    it('connects to the address it checked, not to a second lookup of the name', async () => {
      let lookups = 0;
      const resolver: Resolver = async () => {
        lookups += 1;
        // A rebinding DNS would answer differently the second time; there is no second time.
        return lookups === 1
          ? [{ address: '127.0.0.1', family: 4 }]
          : [{ address: '169.254.169.254', family: 4 }];
      };
      const pinned = new SafeFetcher({ ...options, allowPrivate: true, resolver });
      const port = new URL(site.url).port;
      const page = await pinned.fetch(`http://sunrise.test:${port}/about`);
      expect(page.body).toContain('Anjali Deshpande');
      expect(lookups).toBe(1);
      expect(site.requests({ path: '/about' }).at(-1)?.headers.host).toBe(`sunrise.test:${port}`);
    });
  });
});

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
