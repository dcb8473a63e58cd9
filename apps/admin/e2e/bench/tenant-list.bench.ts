import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Stack, startStack } from '../support/stack';
import { signIn } from '../support/ui';

/**
 * How the tenant list behaves with 10,000 tenants: API time per request (median and p95 of
 * repeated calls) and in-browser time from an action to the rows on screen, each next to a bare
 * baseline measured in the same run (GET /health; the same list with 25 tenants).
 */
const TENANTS = 10_000;
const RUNS = 25;
const RESULTS = resolve(__dirname, '../../../../bench/results');

interface Figure {
  median_ms: number;
  p95_ms: number;
  runs: number;
}

const figure = (samples: number[]): Figure => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median_ms: round(at(0.5)), p95_ms: round(at(0.95)), runs: samples.length };
};
const round = (n: number) => Math.round(n * 10) / 10;

describe('tenant list at 10,000 tenants', () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack({ ADMIN_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'error' });
    const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stack.admin),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(() => stack?.close());

  const timeApi = async (path: string, runs = RUNS): Promise<Figure> => {
    const samples: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const started = performance.now();
      const res = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      if (i >= 2) samples.push(performance.now() - started); // two warm-up calls
    }
    return figure(samples);
  };

  /**
   * Time from an action to the rows on screen, on the page's own clock: the action is done inside
   * the page and a MutationObserver notes the moment the list shows `expected` and is no longer
   * busy (Playwright's own waiting polls too coarsely for this).
   */
  const timeUi = async (
    page: Page,
    action: UiAction,
    expected: string,
    runs: number,
    reset?: () => Promise<void>,
  ) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      if (reset) await reset();
      samples.push(await page.evaluate(actAndWait, { action, expected }));
    }
    return figure(samples);
  };

  const openList = async (page: Page) => {
    await page.goto('/tenants');
    await page.getByText('1–25 of 10,000 tenants').waitFor();
  };

  it('measures the API and the browser', async () => {
    const results: Record<string, unknown> = { tenants: TENANTS, date: new Date().toISOString() };
    const api: Record<string, Figure> = {};
    const list = '/api/v1/admin/tenants';

    await stack.sql(
      `INSERT INTO tenants (id, name, crm_kind, llm_provider) SELECT 'small_' || n, 'Small ' || n, 'local', 'gemini' FROM generate_series(1, 25) n`,
    );
    api.baseline_health = await timeApi('/health');
    api.baseline_list_25_tenants = await timeApi(list);
    await stack.sql(`DELETE FROM tenants WHERE id LIKE 'small_%'`);

    const seeding = performance.now();
    await stack.sql(`
      INSERT INTO tenants (id, name, status, crm_kind, llm_provider, llm_model, created_at)
      SELECT 'tenant_' || lpad(n::text, 5, '0'),
             (ARRAY['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne'])[1 + n % 8] || ' ' || n,
             CASE WHEN n % 10 = 0 THEN 'suspended' ELSE 'active' END,
             (ARRAY['zoho', 'hubspot', 'local'])[1 + n % 3],
             CASE WHEN n % 4 = 0 THEN 'ollama' ELSE 'gemini' END,
             CASE WHEN n % 4 = 0 THEN 'phi3:mini' END,
             now() - (n % 365) * interval '1 day' - n * interval '1 second'
      FROM generate_series(1, ${TENANTS}) n`);
    await stack.sql(`INSERT INTO crm_connections (tenant_id) SELECT id FROM tenants`);
    await stack.sql(`
      INSERT INTO tenant_configs (tenant_id, phone_number_id, display_phone_number, onboarding_completed, token_expires_at)
      SELECT id, '1065' || substring(id from 8), '+91 98' || substring(id from 8), substring(id from 8)::int % 3 = 0,
             now() + (substring(id from 8)::int % 90) * interval '1 day'
      FROM tenants WHERE substring(id from 8)::int % 5 <> 0`);
    await stack.sql('ANALYZE');
    results.seed_ms = round(performance.now() - seeding);

    // The list with its health column but no health recorded yet, then with health for every
    // tenant: two credentials each; 1 in 50 invalid, 1 in 20 expiring, 1 in 7 never checked.
    api.first_page_no_health_rows = await timeApi(list);
    await stack.sql(`
      INSERT INTO credential_health (tenant_id, credential, status)
      SELECT id, credential,
             CASE WHEN credential = 'whatsapp' AND n % 50 = 0 THEN 'invalid'
                  WHEN credential = 'whatsapp' AND n % 20 = 0 THEN 'expiring' ELSE 'ok' END
      FROM (SELECT id, substring(id from 8)::int AS n, crm_kind FROM tenants) t,
           LATERAL (VALUES ('whatsapp'), (CASE WHEN t.crm_kind = 'local' THEN 'waba_subscription' ELSE t.crm_kind END)) c(credential)
      WHERE n % 7 <> 0`);
    await stack.sql('ANALYZE');
    results.credential_health_rows = Number(
      (await stack.sql<{ n: string }>('SELECT count(*) AS n FROM credential_health'))[0].n,
    );

    api.first_page = await timeApi(list);
    api.page_200_of_400 = await timeApi(`${list}?page=200`);
    api.last_page = await timeApi(`${list}?page=400`);
    api.page_size_100 = await timeApi(`${list}?page_size=100&page=50`);
    api.sort_created_desc = await timeApi(`${list}?sort=created_at&order=desc`);
    api.search_name = await timeApi(`${list}?search=globex%2099`);
    api.filters_status_crm_llm = await timeApi(`${list}?status=active&crm=zoho&llm=ollama&page=10`);
    api.filter_onboarded = await timeApi(`${list}?onboarded=true&page=20`);
    api.filter_not_onboarded = await timeApi(`${list}?onboarded=false`);
    api.filter_health_invalid = await timeApi(`${list}?health=invalid`);
    api.filter_health_expiring = await timeApi(`${list}?health=expiring`);
    api.filter_health_unknown = await timeApi(`${list}?health=unknown&page=10`);
    api.filter_health_ok_page_100 = await timeApi(`${list}?health=ok&page=100`);
    api.filter_health_ok_page_286 = await timeApi(`${list}?health=ok&page=286`);
    api.filter_health_invalid_zoho_active = await timeApi(`${list}?health=invalid&crm=zoho&status=active`);
    api.config_stats = await timeApi('/api/v1/admin/configs/stats');
    api.timeseries_365_days = await timeApi(
      `/api/v1/admin/stats/timeseries?from=${dayAgo(364)}&to=${dayAgo(0)}`,
    );
    results.api = api;

    const page = await stack.newPage();
    await signIn(page, stack.admin);
    const ui: Record<string, Figure> = {};
    const opening: number[] = [];
    const sinceNavigation: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await page.goto('/tenants', { waitUntil: 'commit' });
      const shownAt = await page.waitForFunction(
        () =>
          document.body.innerText.includes('1–25 of 10,000 tenants') && !document.querySelector('.table-busy')
            ? performance.now()
            : false,
        undefined,
        { polling: 'raf' },
      );
      opening.push(performance.now() - started);
      sinceNavigation.push((await shownAt.jsonValue()) as number);
    }
    ui.open_list = figure(opening);
    ui.open_list_since_navigation_start = figure(sinceNavigation);
    await openList(page);
    ui.next_page = await timeUi(page, { kind: 'click', label: 'Next' }, 'of 10,000 tenants', 10);
    ui.last_page = await timeUi(
      page,
      { kind: 'click', label: 'Last page' },
      '9,976–10,000 of 10,000',
      5,
      () => openList(page),
    );
    ui.sort_by_created = await timeUi(page, { kind: 'click', label: 'Created' }, '1–25 of 10,000', 5, () =>
      openList(page),
    );
    ui.search_including_300ms_debounce = await timeUi(
      page,
      { kind: 'type', selector: '#tenant-search', value: 'tenant_0999' },
      '1–10 of 10 tenants',
      5,
      () => openList(page),
    );
    ui.page_size_100 = await timeUi(
      page,
      { kind: 'select', selector: '.pagination-size select', value: '100' },
      '1–100 of 10,000 tenants',
      5,
      () => openList(page),
    );
    expect(await page.locator('tbody tr').count()).toBe(100);
    const invalidTotal = (
      (await (
        await fetch(`${stack.baseUrl}${list}?health=invalid&page_size=1`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { total: number }
    ).total;
    ui.filter_health_invalid = await timeUi(
      page,
      { kind: 'select', selector: '#tenant-health-filter', value: 'invalid' },
      `of ${invalidTotal.toLocaleString('en-US')} tenants`,
      5,
      () => openList(page),
    );
    results.browser = ui;

    // Every tenant at once, in the background: how long the job takes end to end.
    const bulkStarted = performance.now();
    const start = await fetch(`${stack.baseUrl}/api/v1/admin/tenants/bulk`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'deactivate', filter: { status: 'active' } }),
    });
    const operation = (await start.json()) as { id: string; counts: { total: number } };
    results.bulk_start_ms = round(performance.now() - bulkStarted);
    let status = 'queued';
    while (status === 'queued' || status === 'running') {
      await new Promise((r) => setTimeout(r, 1000));
      const res = await fetch(`${stack.baseUrl}/api/v1/admin/bulk-operations/${operation.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      status = ((await res.json()) as { status: string }).status;
    }
    const bulkMs = performance.now() - bulkStarted;
    results.bulk_deactivate = {
      tenants: operation.counts.total,
      total_ms: round(bulkMs),
      tenants_per_second: round(operation.counts.total / (bulkMs / 1000)),
      status,
    };

    const base = api.baseline_list_25_tenants.median_ms;
    results.ratios_to_list_at_25_tenants = Object.fromEntries(
      Object.entries(api).map(([k, f]) => [k, round(f.median_ms / base)]),
    );
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'tenant-list.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  });
});

type UiAction =
  | { kind: 'click'; label: string }
  | { kind: 'type'; selector: string; value: string }
  | { kind: 'select'; selector: string; value: string };

/** Runs in the page: does the action, resolves with the milliseconds until the list shows `expected`. */
function actAndWait({ action, expected }: { action: UiAction; expected: string }): Promise<number> {
  // The list has changed once its summary or its first row differs and it is no longer busy.
  const state = () =>
    (document.querySelector('.pagination-summary')?.textContent ?? '') +
    (document.querySelector('tbody tr')?.textContent ?? '');
  const before = state();
  const ready = () =>
    state() !== before &&
    (document.querySelector('.pagination-summary')?.textContent ?? '').includes(expected) &&
    !document.querySelector('.table-busy');
  return new Promise((resolve, reject) => {
    let started = 0;
    setTimeout(() => reject(new Error(`the list did not show "${expected}" within 20 s`)), 20_000);
    const observer = new MutationObserver(() => {
      if (ready()) {
        observer.disconnect();
        resolve(performance.now() - started);
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    started = performance.now();
    if (action.kind === 'click') {
      const target = Array.from(document.querySelectorAll('button')).find(
        (b) =>
          b.getAttribute('aria-label') === action.label || b.textContent?.trim().startsWith(action.label),
      );
      target!.click();
    } else {
      const element = document.querySelector(action.selector) as HTMLInputElement | HTMLSelectElement;
      const proto = action.kind === 'type' ? HTMLInputElement.prototype : HTMLSelectElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, action.value);
      element.dispatchEvent(new Event(action.kind === 'type' ? 'input' : 'change', { bubbles: true }));
    }
  });
}

function dayAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
