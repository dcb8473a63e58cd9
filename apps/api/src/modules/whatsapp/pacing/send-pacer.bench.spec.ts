import { performance } from 'node:perf_hooks';
import { SendPacer } from './send-pacer';

/**
 * The pacer's cost per send, measured in the unit run (it is on every send's path). Prints the
 * figures; asserts only a generous ceiling so a slow shared machine does not fail it.
 */
describe('SendPacer overhead (benchmark)', () => {
  it('decides in well under 10 µs per send', () => {
    const pacer = new SendPacer({
      maxMpsPerNumber: 1000,
      pairIntervalMs: 6000,
      pairBurst: 45,
      maxWaitMs: 2000,
    });
    const numbers = Array.from({ length: 10 }, (_, i) => `10654035224${i}`);
    const users = Array.from({ length: 50_000 }, (_, i) => `9198765${String(i).padStart(5, '0')}`);
    const run = (count: number) => {
      const started = performance.now();
      for (let i = 0; i < count; i++) pacer.decide(numbers[i % numbers.length], users[i % users.length]);
      return performance.now() - started;
    };
    run(20_000); // warm-up
    const count = 200_000;
    const samples = [run(count), run(count), run(count)].sort((a, b) => a - b);
    const nsPerDecision = (samples[1] * 1e6) / count;
    // eslint-disable-next-line no-console -- the figures are this benchmark's output
    console.log(
      `SendPacer.decide: ${nsPerDecision.toFixed(0)} ns per send (median of 3 x ${count}, 10 numbers, ` +
        `${users.length} users, ${pacer.trackedRecipients} tracked); ${(1e9 / nsPerDecision / 1e6).toFixed(2)} M decisions/s`,
    );
    expect(nsPerDecision).toBeLessThan(10_000);
  });
});
