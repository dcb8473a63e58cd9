import type { FakeServer } from './fake-server';
import { HubSpotFake } from '../hubspot/hubspot-fake';
import { WebsiteFake } from '../website/website-fake';
import { ZohoFake } from '../zoho/zoho-fake';

export interface FakeDefinition {
  /** Short name used on the command line, e.g. `meta`. */
  name: string;
  description: string;
  create(): FakeServer;
  /** The Parley environment variables that point at this fake once it runs at `url`. */
  env(url: string): Record<string, string>;
}

/** Every vendor fake the CLI can start; each vendor module adds itself here. */
export const FAKE_DEFINITIONS: FakeDefinition[] = [
  {
    name: 'zoho',
    description:
      'Zoho accounts + CRM, every data centre under /{dc}/accounts and /{dc}/api; demo client 1000.DEMOCLIENT / demo-client-secret, refresh token 1000.demo.refresh-token (us)',
    create: () => ZohoFake.withDemoConnection(),
    env: (url) => ({ ZOHO_ACCOUNTS_URL: `${url}/us/accounts` }),
  },
  {
    name: 'hubspot',
    description: 'HubSpot CRM v3 contacts; demo private app token pat-na1-demo-token',
    create: () => HubSpotFake.withDemoPortal(),
    env: (url) => ({ HUBSPOT_API_BASE_URL: url }),
  },
  {
    name: 'website',
    description:
      'A static web site to add as a knowledge source (linked pages, a PDF, SSRF redirects, a huge page); crawling it needs RAG_ALLOW_PRIVATE_URLS=true',
    create: () => new WebsiteFake(),
    env: () => ({ RAG_ALLOW_PRIVATE_URLS: 'true' }),
  },
];
