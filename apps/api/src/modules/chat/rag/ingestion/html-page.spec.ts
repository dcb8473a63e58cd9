import { parseHtml, parseText, sameSiteLinks } from './html-page';

const page = `<!doctype html><html><head><title> Pricing  | Sunrise </title>
<script>var secret = "do not index";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a><a href="/about">About</a></nav>
<h1>Plans</h1><p>The Starter plan costs <b>49,000</b> rupees.</p><ul><li>One</li><li>Two</li></ul>
<a href="/docs/intro#top">Docs</a> <a href="docs/setup?x=1">Setup</a> <a href="https://www.sunrise.test/faq">FAQ</a>
<a href="https://other.test/">Other</a> <a href="/brochure.pdf">PDF</a> <a href="mailto:a@b.c">Mail</a>
<a href="javascript:void(0)">JS</a> <a href="/about">About again</a>
</body></html>`;

describe('HTML pages', () => {
  const parsed = parseHtml(page, 'https://sunrise.test/prices/');

  it('takes the title and readable text, without scripts, styles or the nav bar', () => {
    expect(parsed.title).toBe('Pricing | Sunrise');
    expect(parsed.text).toContain('The Starter plan costs 49,000 rupees.');
    expect(parsed.text).toMatch(/One\n+Two/);
    expect(parsed.text).not.toMatch(/do not index|color: red|Home/);
  });

  it('resolves links against the page, drops fragments and duplicates, keeps only http(s)', () => {
    expect(parsed.links).toEqual([
      'https://sunrise.test/',
      'https://sunrise.test/about',
      'https://sunrise.test/docs/intro',
      'https://sunrise.test/prices/docs/setup?x=1',
      'https://www.sunrise.test/faq',
      'https://other.test/',
      'https://sunrise.test/brochure.pdf',
    ]);
  });

  it('follows same-site links only (www. counts as the same site), and no file downloads', () => {
    expect(sameSiteLinks(parsed.links, 'https://sunrise.test/prices/')).toEqual([
      'https://sunrise.test/',
      'https://sunrise.test/about',
      'https://sunrise.test/docs/intro',
      'https://sunrise.test/prices/docs/setup?x=1',
      'https://www.sunrise.test/faq',
    ]);
    expect(sameSiteLinks(['http://sunrise.test/a'], 'https://sunrise.test/')).toEqual([]);
  });

  it('falls back to the first heading for a title, and to the first line for text pages', () => {
    expect(parseHtml('<body><h1>Welcome</h1><p>x</p></body>', 'https://a.test/').title).toBe('Welcome');
    expect(parseHtml('<p>no title</p>', 'https://a.test/').title).toBeNull();
    expect(parseText('\n\nOpening hours\nNine to seven.\n')).toEqual({
      title: 'Opening hours',
      text: 'Opening hours\nNine to seven.',
      links: [],
    });
  });

  it('respects <base href>', () => {
    expect(
      parseHtml('<head><base href="https://a.test/sub/"></head><a href="x">x</a>', 'https://a.test/').links,
    ).toEqual(['https://a.test/sub/x']);
  });
});
