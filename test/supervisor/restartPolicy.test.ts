import { DEFAULT_RESTART_POLICY, RestartPolicy } from '../../src/supervisor';

/** The supervisor's restart decisions on a clock the test moves: back-off per recent death, crash loop past the bound. */

test('back-off doubles with the deaths of the window, up to its ceiling; one death more than tolerated is a crash loop', () => {
  let now = 0;
  const policy = new RestartPolicy(DEFAULT_RESTART_POLICY, () => now);
  const decisions = Array.from({ length: 6 }, () => {
    now += 1_000;
    return policy.recordDeath();
  });
  expect(decisions).toEqual([
    { kind: 'restart', delayMs: 100, recentDeaths: 1 },
    { kind: 'restart', delayMs: 200, recentDeaths: 2 },
    { kind: 'restart', delayMs: 400, recentDeaths: 3 },
    { kind: 'restart', delayMs: 800, recentDeaths: 4 },
    { kind: 'restart', delayMs: 1_600, recentDeaths: 5 },
    { kind: 'crash-loop', recentDeaths: 6 },
  ]);
});

test('deaths older than the window are forgotten: a worker dying now and then is always restarted', () => {
  let now = 0;
  const policy = new RestartPolicy({ maxDeaths: 2, windowMs: 10_000, baseDelayMs: 50, maxDelayMs: 120 }, () => now);
  const decisions = [0, 4_000, 8_000, 30_000, 31_000, 32_000, 33_000].map((at) => {
    now = at;
    return policy.recordDeath();
  });
  expect(decisions).toEqual([
    { kind: 'restart', delayMs: 50, recentDeaths: 1 },
    { kind: 'restart', delayMs: 100, recentDeaths: 2 },
    // The death at 0 is still within the window at 8,000: three within 10 s.
    { kind: 'crash-loop', recentDeaths: 3 },
    { kind: 'restart', delayMs: 50, recentDeaths: 1 },
    { kind: 'restart', delayMs: 100, recentDeaths: 2 },
    { kind: 'crash-loop', recentDeaths: 3 },
    { kind: 'crash-loop', recentDeaths: 4 },
  ]);
});

test('the ceiling caps the back-off', () => {
  let now = 0;
  const policy = new RestartPolicy({ maxDeaths: 10, windowMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 3_000 }, () => now);
  const delays = Array.from({ length: 4 }, () => {
    now += 1;
    const decision = policy.recordDeath();
    return decision.kind === 'restart' ? decision.delayMs : undefined;
  });
  expect(delays).toEqual([1_000, 2_000, 3_000, 3_000]);
});

test('bounds that make no sense are refused with the values', () => {
  expect(() => new RestartPolicy({ maxDeaths: 5, windowMs: 0, baseDelayMs: 100, maxDelayMs: 5_000 })).toThrow(
    'RestartPolicy needs maxDeaths >= 0, windowMs > 0 and 0 <= baseDelayMs <= maxDelayMs; got {"maxDeaths":5,"windowMs":0,"baseDelayMs":100,"maxDelayMs":5000}',
  );
  expect(() => new RestartPolicy({ maxDeaths: 5, windowMs: 1_000, baseDelayMs: 200, maxDelayMs: 100 })).toThrow('RestartPolicy needs');
});
