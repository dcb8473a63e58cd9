import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GeminiFake, GraphFake } from '@parley/fakes';
import {
  api,
  API_DIST,
  ApiProcess,
  createDatabase,
  dropDatabase,
  login,
  pgClient,
  percentile,
  printTable,
  round,
  startApi,
  writeResult,
} from '../lib';

/**
 * Inbound webhook to outbound Graph call, end to end, with 1, 2 and 4 worker processes behind one
 * API process (RUN_WORKERS=false) on PostgreSQL. The real thing: the chat engine with the Gemini
 * fake as LLM, the built-in (`local`) CRM with every contact seeded as a known lead, and the Meta
 * Graph fake (number and token registered) as WhatsApp. Latency runs from the start of the
 * webhook POST to the Graph fake accepting the reply.
 *
 * Phases, per worker count:
 * - `first`: every contact's first message, as a burst (welcome text, logo, lead lookup, greeting
 *   by name: three sends; latency to the greeting, the last of them);
 * - `paced_<R>`: questions at a steady R per second for BENCH_E2E_SECONDS, spread over the
 *   contacts; each is answered by the LLM (one send);
 * - `burst`: BENCH_E2E_BURST questions as fast as 8 senders can post them.
 * Throughput of a phase is replies per second from its first POST to its last reply.
 */
const CONTACTS = Number(process.env.BENCH_E2E_CONTACTS ?? process.env.BENCH_E2E_MESSAGES ?? 300);
const WORKERS = (process.env.BENCH_E2E_WORKERS ?? '1,2,4').split(',').map(Number);
const RATES = (process.env.BENCH_E2E_RATES ?? '100,200,300').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 5);
/**
 * Tenants, each with its own number: Meta lets one number send 80 messages a second by default
 * (WHATSAPP_MAX_MPS_PER_NUMBER, enforced by the pacer), so one number alone caps the pipeline there.
 */
const TENANTS = Number(process.env.BENCH_E2E_TENANTS ?? 4);
const BURST = Number(process.env.BENCH_E2E_BURST ?? 300);
const PHASE_TIMEOUT_MS = Number(process.env.BENCH_E2E_PHASE_TIMEOUT_MS ?? 180_000);
const APP_SECRET = `bench-app-secret-${randomBytes(8).toString('hex')}`;

function delivery(phoneNumberId: string, from: string, text: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Bench' }, wa_id: from }],
              messages: [
                {
                  from,
                  id: `wamid.HBgM${randomBytes(18).toString('base64url')}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

/** When each reply to each contact reached the Graph fake, in arrival order (Date.now()). */
class Replies {
  private seen = 0;
  readonly at = new Map<string, number[]>();
  constructor(private readonly graph: GraphFake) {}
  collect(): void {
    const sent = this.graph.state.sent;
    for (; this.seen < sent.length; this.seen++) {
      const m = sent[this.seen];
      const to = (m.to ?? m.recipient ?? '').replace(/\D/g, '');
      const list = this.at.get(to) ?? [];
      list.push(m.at);
      this.at.set(to, list);
    }
  }
  count(to: string): number {
    return this.at.get(to)?.length ?? 0;
  }
}

interface Posted {
  to: string;
  /** Index of the send that answers this message, among the contact's sends. */
  replyIndex: number;
  postedAt: number;
}

interface PhaseFigures {
  phase: string;
  messages: number;
  answered: number;
  /** For paced phases: the rate asked for. */
  offered_per_second?: number;
  messages_per_second: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  webhook_ack_p50_ms: number;
  webhook_ack_p99_ms: number;
  /** Committed database transactions (every process, pg-boss included) per message: a query count proxy. */
  db_transactions_per_message: number;
}

/** Transactions committed in this database so far (PostgreSQL's statistics, flushed within a second). */
async function commits(databaseUrl: string): Promise<number> {
  await new Promise((r) => setTimeout(r, 1100));
  const client = pgClient(databaseUrl);
  await client.connect();
  const { rows } = await client.query(
    `SELECT xact_commit::float8 AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  await client.end();
  return (rows[0] as { n: number }).n;
}

async function run(workers: number) {
  const [graph, gemini] = await Promise.all([new GraphFake().start(), new GeminiFake().start()]);
  const databaseUrl = await createDatabase(`e2e_${workers}`);
  const shared = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    FB_APP_SECRET: APP_SECRET,
    GRAPH_API_BASE_URL: graph.url,
    GRAPH_API_VERSION: 'v25.0',
    GEMINI_API_BASE_URL: gemini.url,
    GEMINI_API_KEY: 'bench-gemini-key',
    // Meta allows bursts of up to 45 messages to one user; a contact gets several replies a second here.
    WHATSAPP_PAIR_BURST: '45',
    ...Object.fromEntries(
      Object.entries(process.env)
        .filter(([k]) => k.startsWith('BENCH_API_'))
        .map(([k, v]) => [k.slice(10), v!]),
    ),
  };
  const processes: ApiProcess[] = [];
  const replies = new Replies(graph);
  const poller = setInterval(() => replies.collect(), 20);
  try {
    const apiProcess = await startApi({ databaseUrl, env: { ...shared, RUN_WORKERS: 'false' } });
    processes.push(apiProcess);
    for (let i = 0; i < workers; i++)
      processes.push(
        await startApi({
          databaseUrl,
          env: shared,
          worker: true,
          // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the workers
          nodeArgs: process.env.BENCH_E2E_WORKER_NODE_ARGS?.split(' ').filter(Boolean),
        }),
      );

    // Contact i writes to tenant i % TENANTS: each tenant has its own number, token and leads.
    const rootToken = await login(apiProcess.url, apiProcess.root.email, apiProcess.root.password);
    const tenants: { token: string; phoneNumberId: string }[] = [];
    for (let n = 0; n < TENANTS; n++) {
      const tenantId = `e2e_${workers}w_${n}`;
      await api(apiProcess.url, 'POST', '/api/v1/admin/tenants', {
        token: rootToken,
        body: {
          id: tenantId,
          name: `Bench ${tenantId}`,
          crm: 'local',
          default_country: 'IN',
          branding: { welcome_message: 'Welcome to Bench Co!', logo_url: 'https://bench.example/logo.png' },
        },
      });
      const email = `admin-${tenantId}@bench.test`;
      const password = `pw-${randomBytes(6).toString('hex')}`;
      await api(apiProcess.url, 'POST', `/api/v1/admin/tenants/${tenantId}/users`, {
        token: rootToken,
        body: { email, password },
      });
      const token = await login(apiProcess.url, email, password);
      const phoneNumberId = `1${String(Date.now()).slice(-9)}${n}`;
      graph.addPhoneNumber(phoneNumberId);
      await api(apiProcess.url, 'POST', '/api/v1/tenant/config', {
        token,
        body: { phone_number_id: phoneNumberId, access_token: graph.issueToken([phoneNumberId]) },
      });
      tenants.push({ token, phoneNumberId });
    }

    const people = Array.from(
      { length: CONTACTS },
      (_, i) => `9198${String(workers)}${String(i).padStart(7, '0')}`,
    );
    const tenantOf = new Map(people.map((p, i) => [p, tenants[i % TENANTS]]));
    await pool(people, 8, (phone, i) =>
      api(apiProcess.url, 'POST', '/api/v1/tenant/leads', {
        token: tenantOf.get(phone)!.token,
        body: { name: `Person${i} Bench`, phone },
      }),
    );

    const asked = new Map<string, number>(people.map((p) => [p, 0]));
    const post = async (to: string, text: string, replyIndex: number, into: Posted[], acks: number[]) => {
      const raw = delivery(tenantOf.get(to)!.phoneNumberId, to, text);
      const t = Date.now();
      into.push({ to, replyIndex, postedAt: t });
      const res = await fetch(`${apiProcess.url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`,
        },
        body: raw,
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      acks.push(Date.now() - t);
    };

    const phases: PhaseFigures[] = [];
    let commitsBefore = await commits(databaseUrl);
    const measure = async (
      phase: string,
      posted: Posted[],
      acks: number[],
      started: number,
      offered?: number,
    ) => {
      const deadline = Date.now() + PHASE_TIMEOUT_MS;
      const done = () => posted.every((p) => replies.count(p.to) > p.replyIndex);
      while (!done() && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        replies.collect();
      }
      const answered = posted.filter((p) => replies.count(p.to) > p.replyIndex);
      const latencies = answered.map((p) => replies.at.get(p.to)![p.replyIndex] - p.postedAt);
      const commitsAfter = await commits(databaseUrl);
      const last = Math.max(...answered.map((p) => replies.at.get(p.to)![p.replyIndex]));
      const figures: PhaseFigures = {
        phase,
        messages: posted.length,
        answered: answered.length,
        ...(offered ? { offered_per_second: offered } : {}),
        messages_per_second: round(answered.length / ((last - started) / 1000), 1),
        p50_ms: round(percentile(latencies, 50), 0),
        p95_ms: round(percentile(latencies, 95), 0),
        max_ms: round(Math.max(...latencies), 0),
        webhook_ack_p50_ms: round(percentile(acks, 50), 1),
        webhook_ack_p99_ms: round(percentile(acks, 99), 1),
        // Minus the reading of the first count itself.
        db_transactions_per_message: round((commitsAfter - commitsBefore - 1) / posted.length, 1),
      };
      commitsBefore = await commits(databaseUrl);
      phases.push(figures);
      process.stdout.write(`  ${workers} worker(s) ${JSON.stringify(figures)}\n`);
    };

    // First messages: welcome, logo, greeting by name (the third send answers).
    {
      const posted: Posted[] = [];
      const acks: number[] = [];
      const started = Date.now();
      await pool(people, 8, (p) => post(p, 'Hello', 2, posted, acks));
      await measure('first', posted, acks, started);
      await new Promise((r) => setTimeout(r, 500));
      replies.collect();
    }
    const base = new Map(people.map((p) => [p, replies.count(p)]));
    const question = (p: string) => {
      const n = asked.get(p)!;
      asked.set(p, n + 1);
      return { text: `What do you sell? (question ${n})`, replyIndex: base.get(p)! + n };
    };

    for (const rate of RATES) {
      const posted: Posted[] = [];
      const acks: number[] = [];
      const total = Math.round(rate * SECONDS);
      const started = Date.now();
      const inflight: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - Date.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        const p = people[i % people.length];
        const q = question(p);
        inflight.push(post(p, q.text, q.replyIndex, posted, acks));
      }
      await Promise.all(inflight);
      await measure(`paced_${rate}`, posted, acks, started, rate);
    }

    {
      const posted: Posted[] = [];
      const acks: number[] = [];
      const started = Date.now();
      const order = Array.from({ length: BURST }, (_, i) => people[i % people.length]);
      await pool(order, 8, (p) => {
        const q = question(p);
        return post(p, q.text, q.replyIndex, posted, acks);
      });
      await measure('burst', posted, acks, started);
    }
    // Exactly one answer per message: no contact got more sends than it was owed.
    replies.collect();
    if (process.env.BENCH_E2E_SHOW)
      for (const m of graph.state.sent.filter((s) => s.to?.replace(/\D/g, '') === people[0]))
        process.stdout.write(`  reply to ${people[0]}: ${JSON.stringify(m.body.text ?? m.body.image)}\n`);
    const extra = people.filter((p) => replies.count(p) > base.get(p)! + asked.get(p)!).length;
    return { workers, contacts: CONTACTS, tenants: TENANTS, phases, contacts_with_extra_replies: extra };
  } finally {
    clearInterval(poller);
    for (const p of processes.reverse()) await p.stop();
    await Promise.all([graph.stop(), gemini.stop()]);
    await dropDatabase(databaseUrl);
  }
}

async function pool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T, i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

async function main(): Promise<void> {
  if (!existsSync(join(API_DIST, 'modules/chat/chat.module.js'))) {
    process.stdout.write('e2e: the chat engine is not built yet (issue 6); nothing measured\n');
    return;
  }
  const results: Awaited<ReturnType<typeof run>>[] = [];
  for (const workers of WORKERS) results.push(await run(workers));
  printTable(
    `Inbound webhook -> Graph fake, chat engine + Gemini fake + local CRM, ${CONTACTS} known leads of ${TENANTS} tenants, one API process + N workers, PostgreSQL`,
    results.flatMap((r) =>
      r.phases.map((p) => ({
        workers: r.workers,
        phase: p.phase,
        'msg/s': p.messages_per_second,
        'p50 ms': p.p50_ms,
        'p95 ms': p.p95_ms,
        'max ms': p.max_ms,
        answered: `${p.answered}/${p.messages}`,
        'ack p99 ms': p.webhook_ack_p99_ms,
        'db tx/msg': p.db_transactions_per_message,
      })),
    ),
  );
  const one = results.find((r) => r.workers === 1);
  const burstRate = (r: (typeof results)[number]) =>
    r.phases.find((p) => p.phase === 'burst')?.messages_per_second ?? 0;
  writeResult('e2e', {
    contacts: CONTACTS,
    tenants: TENANTS,
    engine: 'chat engine, Gemini fake LLM, local CRM (known leads), Meta Graph fake',
    paced_seconds: SECONDS,
    burst: BURST,
    runs: results,
    scaling_vs_1_worker: one
      ? Object.fromEntries(
          results.map((r) => [`${r.workers}_workers`, round(burstRate(r) / burstRate(one), 2)]),
        )
      : {},
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`e2e benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
