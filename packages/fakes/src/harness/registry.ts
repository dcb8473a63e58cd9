import type { FakeServer } from './fake-server';
import { GeminiFake } from '../gemini/gemini-fake';
import { FacebookSdkFake } from '../facebook-sdk/facebook-sdk-fake';
import { HubSpotFake } from '../hubspot/hubspot-fake';
import { OllamaFake } from '../ollama/ollama-fake';
import { GraphFake } from '../meta/graph-fake';
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
    name: 'meta',
    description:
      'Meta Graph API (WhatsApp Cloud API messages, mark as read); demo number 106540352242922 with token EAAG-demo-access-token',
    create: () => GraphFake.withDemoNumber(),
    env: (url) => ({ GRAPH_API_BASE_URL: url }),
  },
  {
    name: 'hubspot',
    description: 'HubSpot CRM v3 contacts; demo private app token pat-na1-demo-token',
    create: () => HubSpotFake.withDemoPortal(),
    env: (url) => ({ HUBSPOT_API_BASE_URL: url }),
  },
  {
    name: 'gemini',
    description:
      'Gemini API v1beta: generateContent, embedContent, batchEmbedContents, models; any key; answers echo the question and the first context sentence',
    create: () => new GeminiFake(),
    env: (url) => ({ GEMINI_API_BASE_URL: url, GEMINI_API_KEY: 'fake-gemini-key' }),
  },
  {
    name: 'ollama',
    description: 'Ollama /api/chat, /api/embed, /api/tags with phi3:mini and nomic-embed-text pulled',
    create: () => new OllamaFake(),
    env: (url) => ({ OLLAMA_HOST: url }),
  },
  {
    name: 'facebook-sdk',
    description:
      'Facebook JS SDK for Embedded Signup: /sdk.js defines FB.init/FB.login, the dialog posts WA_EMBEDDED_SIGNUP FINISH; set the code/ids with POST /__fake/signup or the script query',
    create: () => new FacebookSdkFake(),
    env: (url) => ({ FB_SDK_URL: `${url}/sdk.js` }),
  },
  {
    name: 'website',
    description:
      'A static web site to add as a knowledge source (linked pages, a PDF, SSRF redirects, a huge page); crawling it needs RAG_ALLOW_PRIVATE_URLS=true',
    create: () => new WebsiteFake(),
    env: () => ({ RAG_ALLOW_PRIVATE_URLS: 'true' }),
  },
];
