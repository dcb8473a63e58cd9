import { FakeResponse, FakeServer } from '../harness/fake-server';

interface Page {
  title: string;
  body: string;
}

/**
 * A small static web site, the same on every run: a home page with a nav bar, pages one, two
 * and three links deep, an off-site link, a PDF (binary, must be skipped), a redirect to the
 * cloud metadata address and one to a link-local address (SSRF: must be refused), a page
 * larger than any sane limit, a plain-text page, a redirect to another page of the site, and a 404.
 * Each page carries words found nowhere else, so tests can tell which page an answer came from.
 */
export class WebsiteFake extends FakeServer {
  /** Bytes of the /big page: larger than Parley's default 2 MB page limit. */
  static readonly BIG_PAGE_BYTES = 3_000_000;

  constructor() {
    super('website');
    const html = (page: Page): FakeResponse => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      raw: layout(page),
    });
    for (const [path, page] of Object.entries(PAGES)) this.route('GET', path, () => html(page));
    this.route('GET', '/brochure.pdf', () => ({
      status: 200,
      headers: { 'content-type': 'application/pdf' },
      raw: Buffer.from(
        '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
        'latin1',
      ),
    }));
    // Served as HTML under a path that does not look like a file: the content type decides.
    this.route('GET', '/download', () => ({
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
      raw: Buffer.from([0, 1, 2, 3, 255, 254]),
    }));
    this.route('GET', '/notes.txt', () => ({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      raw: 'Opening hours\nThe Pune showroom opens at nine and closes at seven, Monday to Saturday.\n',
    }));
    this.route('GET', '/metadata-redirect', () => redirect('http://169.254.169.254/latest/meta-data/'));
    this.route('GET', '/link-local-redirect', () => redirect('http://[fe80::1]/admin'));
    this.route('GET', '/old-pricing', () => redirect('/pricing', 301));
    this.route('GET', '/big', () => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      raw: `<html><head><title>Huge</title></head><body><p>${'filler text '.repeat(
        Math.ceil(WebsiteFake.BIG_PAGE_BYTES / 12),
      )}</p></body></html>`,
    }));
  }

  /** The address of a page of this site. */
  page(path: string): string {
    return `${this.url}${path}`;
  }
}

function redirect(location: string, status = 302): FakeResponse {
  return {
    status,
    headers: { location, 'content-type': 'text/html' },
    raw: `<a href="${location}">moved</a>`,
  };
}

const NAV = `
  <nav>
    <a href="/">Home</a> | <a href="/pricing">Pricing</a> | <a href="/about">About us</a> |
    <a href="/docs/intro">Docs</a> | <a href="https://example.org/partner">Partner</a> |
    <a href="/brochure.pdf">Brochure (PDF)</a> | <a href="mailto:hello@sunrise-solar.example">Mail</a>
  </nav>`;

function layout(page: Page): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${page.title}</title>
<style>body { font-family: sans-serif; }</style>
<script>window.tracking = "analytics script text must not be indexed";</script>
</head>
<body>
${NAV}
<main>
<h1>${page.title}</h1>
${page.body}
</main>
<footer><p>Sunrise Solar, 12 MG Road, Pune.</p></footer>
</body>
</html>`;
}

const PAGES: Record<string, Page> = {
  '/': {
    title: 'Sunrise Solar - Rooftop solar for homes',
    body: `<p>Sunrise Solar installs rooftop solar panels for homes and small offices across Maharashtra.</p>
<p>Read about our <a href="/pricing">pricing</a>, <a href="/old-pricing">old price list</a>,
the <a href="/notes.txt">opening hours</a> and <a href="/about#team">our team</a>.</p>
<ul>
  <li><a href="/metadata-redirect">Internal status</a></li>
  <li><a href="/link-local-redirect">Router admin</a></li>
  <li><a href="/big">The huge catalogue</a></li>
  <li><a href="/download">Installer</a></li>
  <li><a href="/missing">A page that is gone</a></li>
</ul>`,
  },
  '/pricing': {
    title: 'Pricing',
    body: `<h2>Plans</h2>
<p>The Starter plan costs 49,000 rupees for a 1 kW system, including the inverter.</p>
<p>The Family plan costs 1,35,000 rupees for a 3 kW system with net metering paperwork handled by us.</p>
<p>Every plan includes a kumquat-coloured monitoring dashboard and a ten year panel warranty.</p>`,
  },
  '/about': {
    title: 'About us',
    body: `<h2 id="team">Team</h2>
<p>Sunrise Solar was founded in 2011 by Anjali Deshpande, an electrical engineer from Nashik.</p>
<p>Our forty installers are certified and carry out about three hundred installations a year.</p>`,
  },
  '/docs/intro': {
    title: 'Docs: introduction',
    body: `<p>Start with the <a href="/docs/setup">setup guide</a> once your panels are installed.</p>`,
  },
  '/docs/setup': {
    title: 'Docs: setup guide',
    body: `<p>Pair the inverter with the app, then read the <a href="/docs/deep/maintenance">maintenance page</a>.</p>`,
  },
  '/docs/deep/maintenance': {
    title: 'Docs: maintenance',
    body: `<p>Clean the panels every quarter. The maintenance hotline code is ZEBRA-42.</p>`,
  },
};
