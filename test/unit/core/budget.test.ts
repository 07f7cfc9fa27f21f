import * as assert from 'node:assert/strict';
import { nullLogger } from '../../../src/core/ports';
import { MAX_STRETCH, stretchFor } from '../../../src/core/scheduler/budgetPolicy';
import { HostLimit } from '../../../src/core/scheduler/hostLimit';
import type { BudgetDeps } from '../../../src/core/scheduler/budgetGovernor';
import { PollScheduler, type PollFunction } from '../../../src/core/scheduler/pollScheduler';
import type { PollSettings } from '../../../src/core/sync/types';
import { FakeClock } from '../../support/fakeClock';

const SETTINGS: PollSettings = { activeInterval: 10, idleInterval: 30, maxInterval: 30, backgroundInterval: 300, pageSize: 20 };
const HOUR = 3_600_000;

describe('request budget policy', () => {
  it('does not stretch when demand fits under the share', () => {
    assert.deepEqual(stretchFor({ priority: 100, idle: 100 }, 2500), { priority: 1, idle: 1 });
  });

  it('slows idle keys first, keeping priority keys at their interval', () => {
    assert.deepEqual(stretchFor({ priority: 500, idle: 4000 }, 2500), { priority: 1, idle: 2 });
  });

  it('slows priority keys only when idle keys at the longest stretch are not enough', () => {
    const s = stretchFor({ priority: 5000, idle: 2400 }, 2500);
    assert.equal(s.idle, MAX_STRETCH);
    assert.ok(s.priority > 2 && s.priority < 3, String(s.priority));
    assert.ok(5000 / s.priority + 2400 / s.idle <= 2500 + 1e-9);
  });
});

describe('sliding-hour target', () => {
  const budget = { requests: 600, windowSeconds: 3600, per: 'user', source: 'test' } as const;

  it('leaves less for polls while a start-up burst is in the window', async () => {
    const clock = new FakeClock();
    const limit = new HostLimit('k', 'GitLab', budget, clock);
    assert.equal(limit.sustainableRate(300), 300);
    for (let i = 0; i < 120; i++) limit.noteRequest(200);
    assert.equal(Math.round(limit.sustainableRate(300)), 180, 'right after the burst: what is left of the share');
    await clock.tick(30 * 60_000);
    assert.equal(Math.round(limit.sustainableRate(300)), 300, 'half an hour later the burst leaves soon: the full share');
  });

  it('allows the whole share in a steady state', async () => {
    const clock = new FakeClock();
    const limit = new HostLimit('k', 'GitLab', budget, clock);
    for (let i = 0; i < 300; i++) {
      limit.noteRequest(200);
      await clock.tick(12_000);
    }
    assert.ok(limit.sustainableRate(300) >= 295, String(limit.sustainableRate(300)));
  });
});

describe('host limit state', () => {
  it('counts requests, 304s free where the budget says so, and says until when it is closed', () => {
    const clock = new FakeClock();
    const limit = new HostLimit('github|x', 'GitHub', { requests: 5000, windowSeconds: 3600, per: 'user', notModifiedFree: true, source: 'test' }, clock);
    limit.noteRequest(200);
    limit.noteRequest(304);
    limit.noteRequest(404);
    assert.equal(limit.counted, 2);
    assert.equal(limit.free, 1);
    assert.equal(limit.usedLastHour(), 2);
    limit.ensureOpen();
    limit.pause(clock.now() + 90_000);
    assert.throws(() => limit.ensureOpen(), /GitHub is rate limited until \d{1,2}:\d{2}.*nothing was sent/);
    limit.noteServerLimit({ limit: 15000, remaining: 10, resetAt: clock.now() });
    assert.equal(limit.hourlyBudget, 15000);
  });
});

/** A focused window's scheduler at SETTINGS, polling with `poll`, under `budget`. */
function budgetedScheduler(clock: FakeClock, poll: PollFunction, budget: BudgetDeps): PollScheduler {
  return new PollScheduler({ clock, logger: nullLogger, settings: () => SETTINGS, activity: () => ({ windowFocused: true, viewVisible: true }), poll, budget });
}

describe('poll scheduler under a request budget', () => {
  /** 40 repositories on one account whose budget is 2,400 an hour; each poll costs 2 requests. */
  function setup(priorityKeys: ReadonlySet<string>, otherAccount = false) {
    const clock = new FakeClock();
    const small = new HostLimit('gitlab|a', 'GitLab (a)', { requests: 2400, windowSeconds: 3600, per: 'user', source: 'test' }, clock);
    const large = new HostLimit('github|b', 'GitHub', { requests: 5000, windowSeconds: 3600, per: 'user', source: 'test' }, clock);
    const polls = new Map<string, number>();
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const limitOf = (key: string) => (otherAccount && key === 'other' ? large : small);
    const scheduler = budgetedScheduler(
      clock,
      (key) => {
        polls.set(key, (polls.get(key) ?? 0) + 1);
        limitOf(key).noteRequest(200);
        limitOf(key).noteRequest(200);
        return Promise.resolve({ changed: true, active: false });
      },
      { limitOf, share: () => 0.5, isPriority: (key) => priorityKeys.has(key) },
    );
    for (const key of [...keys, ...(otherAccount ? ['other'] : [])]) {
      scheduler.add(key);
    }
    return { clock, small, polls, scheduler };
  }

  it('keeps the projected hourly use under the share, slowing idle repositories and not the current-branch one', async () => {
    const t = setup(new Set(['k0']));
    await t.clock.tick(HOUR);
    // Asked: 40 keys x 2 requests x 120 polls an hour = 9,600; allowed: 1,200.
    assert.ok(t.small.usedLastHour() <= 1200 * 1.1, `used ${t.small.usedLastHour()} of a 1,200 share`);
    assert.ok((t.polls.get('k0') ?? 0) >= 100, `the current-branch repository kept its 30 s interval (${t.polls.get('k0')} polls)`);
    assert.ok((t.polls.get('k5') ?? 0) < 20, `idle ones slowed (${t.polls.get('k5')} polls)`);
    const note = t.scheduler.budgetNote('k5');
    assert.ok(note && note.intervalMs > note.askedMs, 'the tree can say why');
    assert.equal(note?.account, 'GitLab (a)');
    assert.equal(t.scheduler.budgetNote('k0'), undefined);
    t.scheduler.dispose();
  });

  it('an account over its budget does not slow another account', async () => {
    const t = setup(new Set(), true);
    await t.clock.tick(HOUR);
    assert.ok((t.polls.get('other') ?? 0) >= 100, `the other account kept its interval (${t.polls.get('other')})`);
    assert.equal(t.scheduler.budgetNote('other'), undefined);
    t.scheduler.dispose();
  });

  describe('start-up', () => {
    /**
     * 60 repositories on an account of 600 requests an hour (share 300): a first poll costs 4
     * requests (it reads what a session reads once), later ones 1. All first polls at once would
     * spend 80% of the share in a moment, and the second round 30 s later the rest of it.
     */
    function startUp() {
      const clock = new FakeClock();
      const limit = new HostLimit('gitlab|b', 'GitLab (b)', { requests: 600, windowSeconds: 3600, per: 'user', source: 'test' }, clock);
      const sent: number[] = [];
      const firstPollAt = new Map<string, number>();
      const scheduler = budgetedScheduler(
        clock,
        (key) => {
          const first = !firstPollAt.has(key);
          if (first) firstPollAt.set(key, clock.now());
          for (let i = 0; i < (first ? 4 : 1); i++) {
            limit.noteRequest(200);
            sent.push(clock.now());
          }
          return Promise.resolve({ changed: false, active: false });
        },
        { limitOf: () => limit, share: () => 0.5, isPriority: (key) => key === 'k59' },
      );
      for (let i = 0; i < 60; i++) scheduler.add(`k${i}`);
      return { clock, sent, firstPollAt, scheduler };
    }

    /** The most requests of any sliding hour in `sent`. */
    function busiestHour(sent: readonly number[]): number {
      let most = 0;
      for (let i = 0, j = 0; j < sent.length; j++) {
        while ((sent[j] ?? 0) - (sent[i] ?? 0) >= HOUR) i++;
        most = Math.max(most, j - i + 1);
      }
      return most;
    }

    it('spreads first polls beyond half the share, current-branch repositories first, and no hour goes over the share', async () => {
      const t = startUp();
      await t.clock.tick(2 * HOUR);
      const start = Math.min(...t.firstPollAt.values());
      assert.equal(t.firstPollAt.get('k59'), start, 'the current-branch repository polls at once');
      const atOnce = [...t.firstPollAt.values()].filter((at) => at === start).length;
      // Half the share is 150 requests, 37 first polls; the estimate is 2 until a first poll was measured.
      assert.ok(atOnce <= 40, `${atOnce} first polls at once (4 requests each)`);
      assert.equal(t.firstPollAt.size, 60, 'every repository was polled');
      assert.ok(Math.max(...t.firstPollAt.values()) - start < 30 * 60_000, 'the spread first polls all ran within half an hour');
      assert.ok(busiestHour(t.sent) <= 300, `busiest sliding hour: ${busiestHour(t.sent)} of a 300 share`);
      t.scheduler.dispose();
    });
  });
});
