import { randomUUID } from 'node:crypto';
import { FakeRequest, FakeResponse, FakeServer } from '../harness/fake-server';

/**
 * HubSpot CRM v3 contacts behind private app tokens (`Authorization: Bearer`). Formats follow
 * HubSpot's documentation, its Node SDK and recorded answers: search gives
 * `{total, results, paging}` (a miss is 200 with `total: 0`), create 201, a second contact with
 * the same email 409 "Contact already exists. Existing ID: N", search past its per-second limit
 * 429 "You have reached your secondly limit.", and the ten-second and daily limits 429 with a
 * `policyName` (switch them on with `rateLimit`).
 */

export const HUBSPOT_DEFAULT_SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write'];
const DEFAULT_PROPERTIES = [
  'createdate',
  'email',
  'firstname',
  'hs_object_id',
  'lastmodifieddate',
  'lastname',
];
const MAX_FILTER_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface HubSpotFakeOptions {
  /** Search requests per second per token before 429 (HubSpot: 4 to 5). 0 turns the limit off. */
  searchPerSecond?: number;
}

export interface HubSpotContact {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: false;
}

export type HubSpotPolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';

interface Portal {
  id: number;
  scopes: string[];
  contacts: HubSpotContact[];
  searches: number[];
}

interface Filter {
  propertyName?: string;
  operator?: string;
  value?: string;
  values?: string[];
}

export class HubSpotFake extends FakeServer {
  readonly options: Required<HubSpotFakeOptions>;
  private readonly portals = new Map<string, Portal>();
  private nextId = 51;

  constructor(options: HubSpotFakeOptions = {}) {
    super('hubspot');
    this.options = { searchPerSecond: options.searchPerSecond ?? 5 };
    this.route('POST', '/crm/v3/objects/contacts/search', (req) => this.search(req));
    this.route('POST', '/crm/v3/objects/contacts', (req) => this.create(req));
  }

  /** A fake with one ready-made portal, for `pnpm fakes` demos. */
  static withDemoPortal(): HubSpotFake {
    const fake = new HubSpotFake();
    fake.portals.set('pat-na1-demo-token', {
      id: 1001,
      scopes: HUBSPOT_DEFAULT_SCOPES,
      contacts: [],
      searches: [],
    });
    return fake;
  }

  /** A HubSpot account with a private app; returns the app's token. */
  createPortal(scopes: string[] = HUBSPOT_DEFAULT_SCOPES): { token: string; portalId: number } {
    const token = `pat-na1-${randomUUID()}`;
    const portalId = 20_000_000 + Math.floor(Math.random() * 1_000_000);
    this.portals.set(token, { id: portalId, scopes, contacts: [], searches: [] });
    return { token, portalId };
  }

  contactsOf(token: string): HubSpotContact[] {
    return this.portals.get(token)?.contacts ?? [];
  }

  addContact(token: string, properties: Record<string, string>): HubSpotContact {
    const portal = this.portals.get(token);
    if (!portal) throw new Error('unknown HubSpot token');
    return this.store(portal, properties);
  }

  /** The next `times` requests (to `path`, default any) hit a rate limit with HubSpot's body for `policy`. */
  rateLimit(policy: HubSpotPolicy, times = 1, path?: string): void {
    const common = { status: 'error', correlationId: randomUUID() };
    const body =
      policy === 'SECONDLY'
        ? { ...common, message: 'You have reached your secondly limit.', category: 'RATE_LIMITS' }
        : {
            ...common,
            message: `You have reached your ${policy === 'DAILY' ? 'daily' : 'ten_secondly_rolling'} limit.`,
            errorType: 'RATE_LIMIT',
            policyName: policy,
            requestId: randomUUID(),
          };
    this.fail({ method: 'POST', path, times, response: { status: 429, body } });
  }

  private authorise(req: FakeRequest, scope: string): Portal | FakeResponse {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const portal = match ? this.portals.get(match[1]) : undefined;
    if (!portal) {
      return error(
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      );
    }
    if (!portal.scopes.includes(scope)) {
      return {
        status: 403,
        body: {
          status: 'error',
          message:
            "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
          correlationId: randomUUID(),
          errors: [
            {
              message: 'One or more of the following scopes are required.',
              context: { requiredGranularScopes: [scope] },
            },
          ],
          links: { scopes: 'https://developers.hubspot.com/scopes' },
          category: 'MISSING_SCOPES',
        },
      };
    }
    return portal;
  }

  private search(req: FakeRequest): FakeResponse {
    const portal = this.authorise(req, 'crm.objects.contacts.read');
    if ('status' in portal) return portal;
    const now = Date.now();
    portal.searches = portal.searches.filter((at) => at > now - 1000);
    if (this.options.searchPerSecond > 0 && portal.searches.length >= this.options.searchPerSecond) {
      return {
        status: 429,
        body: {
          status: 'error',
          message: 'You have reached your secondly limit.',
          correlationId: randomUUID(),
          category: 'RATE_LIMITS',
        },
      };
    }
    portal.searches.push(now);

    const body = (req.body ?? {}) as {
      filterGroups?: { filters?: Filter[] }[];
      properties?: string[];
      sorts?: { propertyName?: string; direction?: string }[];
      limit?: number;
      after?: string;
    };
    const groups = body.filterGroups ?? [];
    if (
      groups.length > MAX_FILTER_GROUPS ||
      groups.some((g) => (g.filters ?? []).length > MAX_FILTERS_PER_GROUP)
    ) {
      return error(
        400,
        'VALIDATION_ERROR',
        `Invalid input JSON on line 1: too many filter groups or filters (at most ${MAX_FILTER_GROUPS} groups of ${MAX_FILTERS_PER_GROUP} filters)`,
      );
    }
    const limit = body.limit ?? 10;
    if (limit > 200 || limit < 1) return error(400, 'VALIDATION_ERROR', 'limit must be between 1 and 200');
    const unknown = groups
      .flatMap((g) => g.filters ?? [])
      .find((f) => !['EQ', 'NEQ', 'IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY'].includes(f.operator ?? ''));
    if (unknown) return error(400, 'VALIDATION_ERROR', `Unsupported operator ${unknown.operator}`);

    // Filters inside a group are AND-ed, groups are OR-ed; no group means every contact.
    let matches = portal.contacts.filter(
      (c) => groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matchesFilter(c, f))),
    );
    const sort = body.sorts?.[0];
    if (sort?.propertyName) {
      const key = sort.propertyName;
      const direction = sort.direction === 'DESCENDING' ? -1 : 1;
      matches = [...matches].sort(
        (a, b) => direction * String(a.properties[key] ?? '').localeCompare(String(b.properties[key] ?? '')),
      );
    }
    const offset = Number(body.after ?? 0) || 0;
    const page = matches.slice(offset, offset + limit);
    const wanted = body.properties?.length
      ? [...new Set([...body.properties, 'createdate', 'hs_object_id', 'lastmodifieddate'])]
      : DEFAULT_PROPERTIES;
    return {
      status: 200,
      body: {
        total: matches.length,
        results: page.map((c) => ({ ...c, properties: pick(c.properties, wanted) })),
        ...(offset + limit < matches.length ? { paging: { next: { after: String(offset + limit) } } } : {}),
      },
    };
  }

  private create(req: FakeRequest): FakeResponse {
    const portal = this.authorise(req, 'crm.objects.contacts.write');
    if ('status' in portal) return portal;
    const properties = (req.body as { properties?: Record<string, unknown> } | null)?.properties;
    if (!properties || typeof properties !== 'object') {
      return error(400, 'VALIDATION_ERROR', 'Invalid input JSON: properties is required');
    }
    const values = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, propertyValue(v)]));
    const email = values.email?.trim();
    if (email && !EMAIL.test(email)) {
      const detail = [
        {
          isValid: false,
          message: `Email address ${email} is invalid`,
          error: 'INVALID_EMAIL',
          name: 'email',
          localizedErrorMessage: `Email address ${email} is invalid`,
          portalId: portal.id,
        },
      ];
      return error(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(detail)}`);
    }
    const existing =
      email && portal.contacts.find((c) => c.properties.email?.toLowerCase() === email.toLowerCase());
    if (existing) return error(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
    return { status: 201, body: this.store(portal, values) };
  }

  private store(portal: Portal, properties: Record<string, string>): HubSpotContact {
    const id = String(this.nextId++);
    const now = new Date().toISOString();
    const contact: HubSpotContact = {
      id,
      properties: {
        ...properties,
        ...(properties.email ? { email: properties.email.toLowerCase() } : {}),
        createdate: now,
        hs_object_id: id,
        lastmodifieddate: now,
      },
      createdAt: now,
      updatedAt: now,
      archived: false,
    };
    portal.contacts.push(contact);
    return contact;
  }
}

function error(status: number, category: string, message: string): FakeResponse {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category } };
}

/** HubSpot keeps every property value as a string. */
function propertyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : (JSON.stringify(value) ?? '');
}

function matchesFilter(contact: HubSpotContact, filter: Filter): boolean {
  const value = contact.properties[filter.propertyName ?? ''];
  const same = (a: string | null | undefined, b: string | undefined) =>
    a !== null && a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
  switch (filter.operator) {
    case 'EQ':
      return same(value, filter.value);
    case 'NEQ':
      return !same(value, filter.value);
    case 'IN':
      return (filter.values ?? []).some((v) => same(value, v));
    case 'HAS_PROPERTY':
      return value !== null && value !== undefined && value !== '';
    case 'NOT_HAS_PROPERTY':
      return value === null || value === undefined || value === '';
    default:
      return false;
  }
}

function pick(properties: Record<string, string | null>, keys: string[]): Record<string, string | null> {
  return Object.fromEntries(keys.map((k) => [k, properties[k] ?? null]));
}
