import { Client } from 'pg';
import { createTenant, Outcome, sleep, until, call } from './support/client';
import { faultStack, FaultStack, ParleyNode } from './support/fault-stack';
import {
  connectNumber,
  deliver,
  GraphFake,
  PIPELINE_BUILT,
  pipelineEnv,
  settledSendsTo,
  textDelivery,
  transcript,
  waId,
  wamid,
} from './support/pipeline';
import { startThrowawayPostgres, ThrowawayPostgres } from './support/throwaway-postgres';

const describePipeline = PIPELINE_BUILT ? describe : describe.skip;

const OUTAGE_MS = Number(process.env.FAULT_PG_OUTAGE_MS ?? 4000);
const SENDERS = 4;
/** A delivery may wait this long; anything longer counts as a hang (Meta gives up after ~20 s). */
const DELIVERY_DEADLINE_MS = 10_000;
/** A 5xx while the database is down must come at least this fast. */
const QUICK_5XX_MS = 3000;
/** Meta retries a non-2xx delivery with backoff; the senders retry much faster to keep this short. */
const RETRY_PAUSE_MS = 200;
/** Between two new messages of one sender: steady load rather than a backlog to drain. */
const SEND_PAUSE_MS = Number(process.env.FAULT_PG_SEND_PAUSE_MS ?? 50);
/**
 * Replies to messages whose job was mid-run when the server died wait for the conversation lease
 * (60 s) and the minute sweep, so up to ~2 min; FAULT_PG_REPLY_WAIT_MS bounds the wait.
 */
const REPLY_WAIT_MS = Number(process.env.FAULT_PG_REPLY_WAIT_MS ?? 150_000);

interface Attempt {
  person: string;
  wamid: string;
  startedAt: number;
  outcome: Outcome;
}

/**
 * Breaks: the PostgreSQL server (a throwaway cluster of this test's own, never the shared one)
 * crashes (`pg_ctl stop -m immediate`) while SENDERS concurrent senders POST signed WhatsApp
 * webhook deliveries (one new person, one "hello" each) to one API process that also runs the
 * job workers, and comes back OUTAGE_MS later; the API process is not restarted.
 * Proves: every delivery during the outage is answered 503 promptly (never a hang, never a 200
 * for a delivery that was not stored); each sender retries a non-2xx delivery as Meta does until
 * it gets 200; afterwards every message acknowledged is stored once and its person gets the
 * engine's replies (a control person's, same texts, same order) exactly once at Graph; the API
 * process stays up throughout.
 */
describePipeline('fault: PostgreSQL restarted under webhook load', () => {
  let pg: ThrowawayPostgres;
  let stack: FaultStack;
  let graph: GraphFake;
  let api: ParleyNode;

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    graph = await new GraphFake().start();
    stack = faultStack(pg.databaseUrl, pipelineEnv(graph, { MESSAGING_RETRY_DELAY: '1s' }));
  });
  afterAll(async () => {
    await stack?.stopAll();
    await graph?.stop();
    pg?.destroy();
  });

  it(
    `answers 503 during a ${OUTAGE_MS / 1000} s outage and replies once to every acknowledged message`,
    async () => {
      const started = Date.now();
      api = await stack.api();
      const tenant = await createTenant(api.url, await stack.rootToken(api), {
        branding: { welcome_message: 'Welcome to Restart Resilient Co! Ask me anything.' },
      });
      const phoneNumberId = await connectNumber(api.url, tenant);
      const controlPerson = waId();
      expect(
        await deliver(api.url, textDelivery(phoneNumberId, controlPerson, wamid(), 'hello')),
      ).toMatchObject({
        status: 200,
      });
      const control = transcript(await settledSendsTo(graph, controlPerson, 1));
      expect(control.length).toBeGreaterThan(0);

      const attempts: Attempt[] = [];
      const acknowledged: { person: string; wamid: string }[] = [];
      let running = true;
      // Each sender: a new message, retried (the same bytes, as Meta redelivers) until 200.
      const sender = async () => {
        while (running) {
          const person = waId();
          const id = wamid();
          const raw = textDelivery(phoneNumberId, person, id, 'hello');
          for (;;) {
            const startedAt = Date.now();
            const outcome = await deliver(api.url, raw, DELIVERY_DEADLINE_MS);
            attempts.push({ person, wamid: id, startedAt, outcome });
            if (outcome.status === 200) break;
            await sleep(RETRY_PAUSE_MS);
          }
          acknowledged.push({ person, wamid: id });
          await sleep(SEND_PAUSE_MS);
        }
      };
      const senders = Array.from({ length: SENDERS }, sender);

      await sleep(2000);
      const crashedAt = Date.now();
      pg.crash();
      await sleep(OUTAGE_MS);
      const restartedAt = Date.now();
      pg.start();
      const readyIn = await until(
        'the API is ready again',
        async () => (await call(api.url, 'GET', '/health', { timeoutMs: 2000 })).status === 200,
        30_000,
      );
      const acceptedIn = await until(
        'a delivery is acknowledged after the restart',
        () => attempts.some((a) => a.startedAt > restartedAt && a.outcome.status === 200),
        30_000,
      );
      await sleep(1500);
      running = false;
      await Promise.all(senders);

      // While down: every delivery answered, with 503, quickly; never a hang, never a 200.
      const during = attempts.filter((a) => a.startedAt >= crashedAt + 200 && a.startedAt < restartedAt);
      expect(during.length).toBeGreaterThan(0);
      expect(during.filter((a) => a.outcome.status !== 503)).toEqual([]);
      const during5xxMs = during.map((a) => a.outcome.ms).sort((a, b) => a - b);
      expect(during5xxMs.at(-1)).toBeLessThan(QUICK_5XX_MS);
      expect(attempts.filter((a) => a.outcome.error !== undefined)).toEqual([]);
      expect(
        attempts.filter((a) => a.outcome.status !== 200 && a.outcome.status !== 503).map((a) => a.outcome),
      ).toEqual([]);
      expect(api.process.child.exitCode).toBeNull();
      expect(api.process.child.signalCode).toBeNull();
      const before = acknowledged.filter((m) =>
        attempts.some((a) => a.wamid === m.wamid && a.outcome.status === 200 && a.startedAt < crashedAt),
      );
      expect(before.length).toBeGreaterThan(0);

      // Every acknowledged message is stored once (a 503 may hide a commit; the retry is then a duplicate).
      const db = new Client({ connectionString: pg.databaseUrl });
      await db.connect();
      try {
        const { rows } = await db.query<{ wamid: string; n: number }>(
          `SELECT wamid, count(*)::int AS n FROM messages
           WHERE tenant_id = $1 AND direction = 'inbound' GROUP BY wamid`,
          [tenant.id],
        );
        const stored = new Map(rows.map((r) => [r.wamid, r.n]));
        expect(acknowledged.filter((m) => stored.get(m.wamid) !== 1)).toEqual([]);
        expect(rows.length).toBe(acknowledged.length + 1);
      } finally {
        await db.end();
      }

      // Every acknowledged message gets the control's replies, once, in order.
      const expected = (acknowledged.length + 1) * control.length;
      const stoppedAt = Date.now();
      const unansweredAt: string[] = [];
      const repliedIn = await until(
        'every acknowledged message is answered',
        () => {
          const second = Math.floor((Date.now() - stoppedAt) / 5000) * 5;
          if (unansweredAt.length <= second / 5)
            unansweredAt.push(`${second}s:${expected - graph.sends().length}`);
          return graph.sends().length >= expected;
        },
        REPLY_WAIT_MS,
      ).catch((error: Error) => {
        const missing = acknowledged.filter((m) => graph.sendsTo(m.person).length === 0).length;
        throw new Error(
          `${error.message}: ${graph.sends().length} sends of ${expected}, ${missing} unanswered`,
        );
      });
      await sleep(3000);
      const wrong = acknowledged
        .map((m) => ({ person: m.person, replies: transcript(graph.sendsTo(m.person)) }))
        .filter((r) => JSON.stringify(r.replies) !== JSON.stringify(control));
      expect(wrong).toEqual([]);
      expect(graph.sends()).toHaveLength(expected);
      expect(api.process.child.exitCode).toBeNull();

      const retried = new Set(attempts.filter((a) => a.outcome.status === 503).map((a) => a.wamid)).size;
      process.stdout.write(
        `PostgreSQL crash + ${OUTAGE_MS} ms outage under ${SENDERS} webhook senders: ${attempts.length} deliveries, ` +
          `${acknowledged.length} messages acknowledged (${before.length} before the crash), ${during.length} answered 503 during the outage ` +
          `(p50 ${Math.round(during5xxMs[Math.floor(during5xxMs.length / 2)])} ms, max ${Math.round(during5xxMs.at(-1) ?? 0)} ms), ` +
          `${retried} messages retried until 200; ready ${readyIn} ms and first 200 ${acceptedIn} ms after the restart; ` +
          `all ${acknowledged.length} answered exactly once ${repliedIn} ms after the senders stopped (sends missing: ${unansweredAt.join(' ')}); test ${Date.now() - started} ms\n`,
      );
    },
    90_000 + REPLY_WAIT_MS,
  );
});
