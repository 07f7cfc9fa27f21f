/**
 * The benchmark's fake GitHub data: N repositories with two workflows and a few finished runs
 * each, two users (FlowForge and the naive poller), and the changes applied during the hour.
 */
import type { FakeGitHubData, FakeGitHubState, FakeRun } from '../fakes/github/state';
import type { Random } from './prng';

export const FLOWFORGE_TOKEN = 'ghp_benchFlowForge000000000000000000000';
export const NAIVE_TOKEN = 'ghp_benchNaivePoller00000000000000000000';
export const WATCHED_BRANCH = 'main';

export function repoSlugs(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `bench/repo-${String(i + 1).padStart(2, '0')}`);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function runOf(id: number, slug: string, workflowId: number, runNumber: number, at: number, patch: Partial<FakeRun> = {}): FakeRun {
  return {
    id,
    repo: slug,
    workflowId,
    runNumber,
    runAttempt: 1,
    event: 'push',
    status: 'completed',
    conclusion: 'success',
    headBranch: WATCHED_BRANCH,
    headSha: id.toString(16).padStart(40, '0'),
    displayTitle: `Commit ${runNumber}`,
    commitMessage: `Commit ${runNumber}`,
    actor: 'octocat',
    createdAt: iso(at),
    updatedAt: iso(at),
    runStartedAt: iso(at),
    ...patch,
  };
}

/** `activeRepos` of the repositories (the first ones) have a run in progress the whole hour. */
export function benchData(slugs: readonly string[], activeRepos: number, start: number): FakeGitHubData {
  const data: FakeGitHubData = {
    users: [
      { login: 'flowforge', id: 1, token: FLOWFORGE_TOKEN, scopes: ['repo', 'workflow'] },
      { login: 'naive', id: 2, token: NAIVE_TOKEN, scopes: ['repo', 'workflow'] },
    ],
    repos: [],
    workflows: [],
    runs: [],
    jobs: [],
    checkRuns: [],
  };
  for (const [index, slug] of slugs.entries()) {
    const base = (index + 1) * 1000;
    data.repos.push({ id: base, slug, defaultBranch: WATCHED_BRANCH, private: false });
    data.workflows.push({ id: base + 1, repo: slug, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' });
    data.workflows.push({ id: base + 2, repo: slug, name: 'Deploy', path: '.github/workflows/deploy.yml', state: 'active' });
    for (let n = 1; n <= 5; n += 1) {
      data.runs.push(runOf(base + 100 + n, slug, base + 1 + (n % 2), n, start - (6 - n) * 3_600_000));
    }
    if (index < activeRepos) {
      data.runs.push(runOf(base + 200, slug, base + 1, 6, start - 60_000, { status: 'in_progress', conclusion: null }));
    }
  }
  return data;
}

export type ChangeKind = 'push' | 'otherBranch' | 'rerun';

export interface Change {
  /** Virtual ms since the start of the hour. */
  readonly at: number;
  readonly slug: string;
  readonly kind: ChangeKind;
}

/** Each repository and 30 s window has probability `rate` of one change at a random moment inside it. */
export function changeSchedule(slugs: readonly string[], durationMs: number, windowMs: number, rate: number, random: Random): Change[] {
  const changes: Change[] = [];
  for (let from = 0; from < durationMs; from += windowMs) {
    for (const slug of slugs) {
      if (random() < rate) {
        const roll = random();
        const kind: ChangeKind = roll < 0.6 ? 'push' : roll < 0.8 ? 'otherBranch' : 'rerun';
        changes.push({ at: from + Math.floor(random() * windowMs), slug, kind });
      }
    }
  }
  return changes.sort((a, b) => a.at - b.at);
}

/** Applies one change to the fake server's state at virtual time `now`; never touches the in-progress runs. */
export function applyChange(state: FakeGitHubState, change: Change, now: number): void {
  const runs = state.runs(change.slug);
  const workflowId = runs[0]?.workflowId ?? 0;
  if (change.kind === 'rerun') {
    const done = runs.find((run) => run.status === 'completed');
    if (done !== undefined) {
      state.updateRun(change.slug, done.id, { runAttempt: done.runAttempt + 1, conclusion: done.conclusion === 'success' ? 'failure' : 'success', updatedAt: iso(now) });
      return;
    }
  }
  const runNumber = Math.max(0, ...runs.map((run) => run.runNumber)) + 1;
  const branch = change.kind === 'otherBranch' ? 'feature/bench' : WATCHED_BRANCH;
  state.addRun(runOf(state.newId(), change.slug, workflowId, runNumber, now, { headBranch: branch, conclusion: runNumber % 4 === 0 ? 'failure' : 'success' }));
}
