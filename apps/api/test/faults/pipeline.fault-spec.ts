import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../support/test-database';
import { Outcome, createTenant, expectStatus, sleep, until } from './support/client';
import { faultStack, FaultStack, ParleyNode } from './support/fault-stack';
import {
  connectNumber,
  deliver,
  GraphFake,
  graphError,
  imageDelivery,
  PIPELINE_BUILT,
  pipelineEnv,
  settledSendsTo,
  textDelivery,
  transcript,
  waId,
  wamid,
} from './support/pipeline';

/**
 * Fault tests of the webhook pipeline (inbound webhook -> job -> reply through Graph). They are
 * written against the pipeline's contract and run once the webhook module is built (issue 4);
 * until then they are skipped, which the run shows.
 *
 * "One reply" is measured against a control person on the same stack without the fault: the
 * replies a faulted person gets must be the control's replies, same texts, same order, each once.
 */
const describePipeline = PIPELINE_BUILT ? describe : describe.skip;
if (!PIPELINE_BUILT)
  process.stdout.write('pipeline fault tests skipped: dist/modules/webhook is not built\n');

// The figure; ~30 s on 2 cores (FAULT_DELIVERIES to change it).
const DELIVERIES = Number(process.env.FAULT_DELIVERIES ?? 1000);
const GRAPH_OUTAGE_MS = Number(process.env.FAULT_GRAPH_OUTAGE_MS ?? 8000);

interface Setup {
  stack: FaultStack;
  graph: GraphFake;
  api: ParleyNode;
  phoneNumberId: string;
  tenant: Awaited<ReturnType<typeof createTenant>>;
  /** The replies to one first message of a person, with no fault. */
  control: string[];
}

async function setup(
  label: string,
  env: Record<string, string>,
  options: { apiEnv?: Record<string, string> } = {},
): Promise<Setup & { url: string }> {
  const url = await createTestDatabase(label);
  const graph = await new GraphFake().start();
  const stack = faultStack(url, pipelineEnv(graph, env));
  const api = await stack.api(options.apiEnv);
  const tenant = await createTenant(api.url, await stack.rootToken(api), {
    branding: {
      welcome_message: 'Welcome to Fault Tolerant Co! Ask me anything.',
      logo_url: 'https://example.com/fault-tolerant-logo.png',
    },
  });
  const phoneNumberId = await connectNumber(api.url, tenant);
  return { url, graph, stack, api, tenant, phoneNumberId, control: [] };
}

async function controlReplies(s: Setup): Promise<string[]> {
  const person = waId();
  expect(await deliver(s.api.url, textDelivery(s.phoneNumberId, person, wamid(), 'hello'))).toMatchObject({
    status: 200,
  });
  const sends = await settledSendsTo(s.graph, person, 1);
  expect(sends.length).toBeGreaterThan(0);
  return transcript(sends);
}

async function query(url: string, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query(text, values)).rows as Record<string, unknown>[];
  } finally {
    await db.end();
  }
}

async function teardown(s: (Setup & { url: string }) | undefined): Promise<void> {
  if (!s) return;
  await s.stack.stopAll();
  await s.graph.stop();
  await dropTestDatabase(s.url);
}

describePipeline('fault: a worker process killed (SIGKILL) mid-job', () => {
  let s: (Setup & { url: string }) | undefined;
  let worker: ParleyNode;
  beforeAll(async () => {
    s = await setup('fault_worker_kill', { RUN_WORKERS: 'false' }, { apiEnv: { RUN_WORKERS: 'false' } });
    worker = await s.stack.worker();
    s.control = await controlReplies(s);
  });
  afterAll(() => teardown(s));

  /** Kills the worker once `ready` holds, starts another, and waits until the job has finished on it. */
  async function killMidJob(person: string, ready: () => boolean) {
    expect(await deliver(s!.api.url, textDelivery(s!.phoneNumberId, person, wamid(), 'hello'))).toMatchObject(
      {
        status: 200,
      },
    );
    await until('the worker is sending the reply', ready, 20_000);
    await worker.kill();
    const killedAt = Date.now();
    worker = await s!.stack.worker();
    // The job is retried once its pg-boss expiry passes; then the inbound message is handled and
    // every reply row carries Graph's wamid.
    const mine = (sql: string) => query(s!.url, sql, [person]);
    const finished = async () =>
      (
        await mine(
          `SELECT 1 FROM messages WHERE wa_id = $1 AND direction = 'inbound' AND status IN ('received', 'processing')`,
        )
      ).length === 0 &&
      (await mine(`SELECT 1 FROM messages WHERE wa_id = $1 AND direction = 'outbound' AND wamid IS NOT NULL`))
        .length >= s!.control.length;
    await until('the job finishes on the second worker', finished, 150_000).catch(async (error: Error) => {
      const rows = await mine(
        `SELECT direction, status, wamid, error FROM messages WHERE wa_id = $1 ORDER BY created_at`,
      );
      throw new Error(`${error.message}: ${JSON.stringify(rows)}`);
    });
    const sends = await settledSendsTo(s!.graph, person, s!.control.length, 10_000, 3000);
    const outbound = await mine(`SELECT status FROM messages WHERE wa_id = $1 AND direction = 'outbound'`);
    return { sends, outbound, finishedMs: Date.now() - killedAt };
  }

  /**
   * Breaks: the only worker dies with SIGKILL in the middle of its job, while its Graph call is
   * open (Graph holds a 500 answer for 4 s, so nothing was delivered); a new worker starts.
   * Proves: the job runs again on the new worker and the person gets exactly one reply.
   */
  it('re-runs the job on another worker and the person gets exactly one reply', async () => {
    const person = waId();
    s!.graph.refuseNextSend(graphError(500, 131000, 'Something went wrong'), 4000);
    const { sends, outbound, finishedMs } = await killMidJob(person, () => s!.graph.refusedTo(person) > 0);
    expect(transcript(sends)).toEqual(s!.control);
    expect(outbound).toHaveLength(s!.control.length);
    process.stdout.write(
      `worker SIGKILL mid-job: ${sends.length} reply, job finished ${finishedMs} ms after the kill\n`,
    );
  }, 240_000);

  /**
   * Breaks: the worker dies in the one window no process can close alone: Graph has accepted the
   * reply (and delivered it) but the worker is killed before it hears the answer and records it.
   * Graph has no idempotency key, so the re-run cannot know; this test measures what happens:
   * the job finishes, every reply reaches the person, and none more than twice.
   */
  it('after Graph accepted the reply but before it was recorded: delivered, at most twice', async () => {
    const person = waId();
    s!.graph.holdNextAnswer(4000);
    const { sends, finishedMs } = await killMidJob(person, () => s!.graph.sendsTo(person).length > 0);
    const replies = transcript(sends);
    expect(new Set(replies)).toEqual(new Set(s!.control));
    expect(replies.length).toBeLessThanOrEqual(2 * s!.control.length);
    process.stdout.write(
      `worker SIGKILL between Graph's acceptance and the record: ${replies.length} send(s) for ${s!.control.length} reply ` +
        `(${replies.length > s!.control.length ? 'DUPLICATE: the known at-least-once window' : 'no duplicate'}), finished ${finishedMs} ms after the kill\n`,
    );
  }, 240_000);
});

describePipeline('fault: Graph answers 500 and 429 for a while', () => {
  let s: (Setup & { url: string }) | undefined;
  afterAll(() => teardown(s));

  /**
   * Breaks: Graph answers every send with 500 for the first half of GRAPH_OUTAGE_MS and with
   * 429-style throttling (#130429) for the second half, while one person sends three messages.
   * Proves: afterwards the person gets the same replies as a control person, in order, each once.
   */
  it(`delivers the replies afterwards, in order, once (${GRAPH_OUTAGE_MS / 1000} s of failures)`, async () => {
    s = await setup('fault_graph', { MESSAGING_RETRY_LIMIT: '50', MESSAGING_RETRY_DELAY: '1s' });
    // Different replies per message (welcome + logo, "text only", welcome), so order shows.
    const conversation = async (person: string) => {
      for (const raw of [
        textDelivery(s!.phoneNumberId, person, wamid(), 'hello'),
        imageDelivery(s!.phoneNumberId, person, wamid()),
        textDelivery(s!.phoneNumberId, person, wamid(), 'thanks'),
      ]) {
        expect(await deliver(s!.api.url, raw)).toMatchObject({ status: 200 });
        await sleep(300);
      }
    };
    const controlPerson = waId();
    await conversation(controlPerson);
    const control = transcript(await settledSendsTo(s.graph, controlPerson, 1, 60_000, 4000));

    const person = waId();
    const half = GRAPH_OUTAGE_MS / 2;
    s.graph.fail({
      method: 'POST',
      path: '/messages',
      durationMs: half,
      response: graphError(500, 131000, 'Something went wrong'),
    });
    const startedAt = Date.now();
    await conversation(person);
    await sleep(Math.max(0, half - (Date.now() - startedAt)));
    s.graph.fail({
      method: 'POST',
      path: '/messages',
      durationMs: half,
      response: graphError(429, 130429, 'Cloud API message throughput has been reached'),
    });
    const sends = await settledSendsTo(s.graph, person, control.length, 120_000, 5000);
    expect(transcript(sends)).toEqual(control);
    process.stdout.write(
      `Graph 500 then 429 for ${GRAPH_OUTAGE_MS} ms: ${s.graph.refusedTo(person)} refused attempts, then ${sends.length} replies in order, once each\n`,
    );
  }, 240_000);
});

describePipeline('fault: duplicate and concurrent deliveries', () => {
  let s: (Setup & { url: string }) | undefined;
  afterAll(() => teardown(s));

  /**
   * Breaks: Meta's at-least-once delivery at volume: DELIVERIES webhooks of which 30% repeat an
   * earlier one, half of those at the same moment as the original, half later.
   * Proves: every delivery is acknowledged and every message gets exactly one reply (the control's).
   */
  it(`answers each of ${DELIVERIES} deliveries (30% duplicates, half concurrent) exactly once`, async () => {
    s = await setup('fault_dupes', {});
    s.control = await controlReplies(s);
    const unique = Math.round(DELIVERIES * 0.7);
    const duplicates = DELIVERIES - unique;
    const messages = Array.from({ length: unique }, () => {
      const person = waId();
      return { person, raw: textDelivery(s!.phoneNumberId, person, wamid(), 'hello') };
    });
    const outcomes: Outcome[] = [];
    const started = Date.now();
    // Concurrent duplicates: the original and its copy in flight together.
    const concurrent = messages.slice(0, Math.floor(duplicates / 2));
    const later = messages.slice(Math.floor(duplicates / 2), duplicates);
    const rest = messages.slice(duplicates);
    const batches: (() => Promise<Outcome>)[][] = [
      ...concurrent.map((m) => [() => deliver(s!.api.url, m.raw), () => deliver(s!.api.url, m.raw)]),
      ...[...later, ...rest].map((m) => [() => deliver(s!.api.url, m.raw)]),
      ...later.map((m) => [() => deliver(s!.api.url, m.raw)]),
    ];
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < batches.length) {
          const batch = batches[next++];
          outcomes.push(...(await Promise.all(batch.map((send) => send()))));
        }
      }),
    );
    const ackMs = Date.now() - started;
    expect(outcomes).toHaveLength(DELIVERIES);
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);

    const expected = unique * s.control.length;
    const answeredIn = await until(
      'every message is answered',
      () => s!.graph.sends().length >= expected + s!.control.length,
      Number(process.env.FAULT_ANSWER_WAIT_MS ?? 240_000),
    ).catch((error: Error) => {
      const answered = new Set(s!.graph.sends().map((x) => x.to)).size;
      throw new Error(
        `${error.message}: ${s!.graph.sends().length} sends for ${expected} expected, ${answered} people answered`,
      );
    });
    void answeredIn;
    await sleep(4000);
    const wrong = messages
      .map((m) => ({ person: m.person, replies: transcript(s!.graph.sendsTo(m.person)) }))
      .filter((r) => JSON.stringify(r.replies) !== JSON.stringify(s!.control));
    expect(wrong).toEqual([]);
    process.stdout.write(
      `${DELIVERIES} deliveries (${duplicates} duplicates, ${concurrent.length} concurrent) acknowledged in ${ackMs} ms; ` +
        `${unique} messages answered exactly once each, all by ${Date.now() - started} ms\n`,
    );
  }, 360_000);
});

describePipeline('fault: two API and two worker processes on one database', () => {
  let s: (Setup & { url: string }) | undefined;
  afterAll(() => teardown(s));

  /**
   * Breaks: the single-process assumption: deliveries arrive at two API processes (duplicates at
   * the other one), two worker processes take the jobs, and a tenant setting changes on one API.
   * Proves: no reply is duplicated or lost across processes, and the change is used at once by
   * the workers handling messages that arrive at the other API.
   */
  it('loses and duplicates no reply, and uses a config change at once', async () => {
    s = await setup('fault_scale', { RUN_WORKERS: 'false' }, { apiEnv: { RUN_WORKERS: 'false' } });
    const apiB = await s.stack.api({ RUN_WORKERS: 'false' });
    await s.stack.worker();
    await s.stack.worker();
    s.control = await controlReplies(s);

    const count = Number(process.env.FAULT_SCALE_MESSAGES ?? 200);
    const messages = Array.from({ length: count }, () => {
      const person = waId();
      return { person, raw: textDelivery(s!.phoneNumberId, person, wamid(), 'hello') };
    });
    const apis = [s.api, apiB];
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < messages.length) {
          const i = next++;
          const sends = [deliver(apis[i % 2].url, messages[i].raw)];
          if (i % 4 === 0) sends.push(deliver(apis[(i + 1) % 2].url, messages[i].raw));
          for (const o of await Promise.all(sends)) expect(o).toMatchObject({ status: 200 });
        }
      }),
    );
    await until(
      'every message is answered',
      () => s!.graph.sends().length >= (count + 1) * s!.control.length,
      120_000,
    );
    await sleep(4000);
    const wrong = messages.filter(
      (m) => JSON.stringify(transcript(s!.graph.sendsTo(m.person))) !== JSON.stringify(s!.control),
    );
    expect(wrong).toEqual([]);

    process.stdout.write(
      `two API + two workers: ${count} messages (${Math.ceil(count / 4)} also delivered to the other API) answered exactly once each in ${Date.now() - started} ms\n`,
    );
    const welcome = 'Changed on API one, used at once everywhere.';
    await expectStatus(200, s.api.url, 'PATCH', '/api/v1/tenant/settings', {
      token: s.tenant.token,
      body: { branding: { welcome_message: welcome } },
    });
    const person = waId();
    expect(await deliver(apiB.url, textDelivery(s.phoneNumberId, person, wamid(), 'hello'))).toMatchObject({
      status: 200,
    });
    const sends = await settledSendsTo(s.graph, person, 1);
    expect(JSON.stringify(sends.map((x) => x.body))).toContain(welcome);
  }, 240_000);
});
