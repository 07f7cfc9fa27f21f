/**
 * Serves the scenario through the shared fake GitHub (test/fakes/github): the
 * timeline snapshot is converted to the fake's JSON-loadable state and copied
 * into it on every tick. Runs the fake created itself (workflow_dispatch,
 * re-runs) are kept; the scenario owns only the ids it generated. A scenario run
 * the API acted on (cancel, re-run, deployment review) is handed over to the fake:
 * from then on the timeline no longer overwrites it, so the action's result stays.
 */
import { startFakeGitHub, type FakeGitHub } from '../github/server';
import type { FakeArtifact, FakeCheckRun, FakeFile, FakeGitHubData, FakeJob, FakePendingDeployment, FakeRun } from '../github/state';
import { scenarioArtifacts } from './artifacts';
import type { ScenarioClock } from './clock';
import type { ScenarioDefinition, ScenarioSnapshot, ScenarioWorkflowDef } from './timeline';

export interface ScenarioBackend {
  readonly url: string;
  readonly fake: FakeGitHub;
  close(): Promise<void>;
}

interface Owned {
  runs: Set<number>;
  jobs: Set<number>;
  checks: Set<number>;
  /** Scenario runs handed over to the fake after a mutation, and how many mutations were read. */
  released: Set<number>;
  mutationsSeen: number;
}

const owned = new WeakMap<ScenarioBackend, Owned>();

export async function startBackend(definition: ScenarioDefinition, snapshot: ScenarioSnapshot, clock: ScenarioClock): Promise<ScenarioBackend> {
  const fake = await startFakeGitHub({ state: staticData(definition), webUrl: 'https://github.com' });
  const backend: ScenarioBackend = { url: fake.url, fake, close: () => fake.close() };
  owned.set(backend, { runs: new Set(), jobs: new Set(), checks: new Set(), released: new Set(), mutationsSeen: 0 });
  applySnapshot(backend, snapshot, clock);
  return backend;
}

/** Users, repositories, workflows, workflow files and branches: what does not move. */
function staticData(def: ScenarioDefinition): Partial<FakeGitHubData> {
  const files: FakeFile[] = [];
  for (const repo of def.repositories) {
    for (const branch of repo.branches) {
      for (const wf of repo.workflows) files.push({ repo: `${repo.owner}/${repo.name}`, ref: branch, path: wf.path, content: workflowYaml(wf) });
    }
  }
  return {
    users: def.tokens.map((token, i) => ({ login: def.login, id: 4242 + i, token, scopes: ['repo', 'workflow', 'read:org'] })),
    repos: def.repositories.map((r, i) => ({ id: 9000 + i, slug: `${r.owner}/${r.name}`, defaultBranch: r.defaultBranch, private: false })),
    workflows: def.repositories.flatMap((r) => r.workflows.map((w) => ({ id: w.id, repo: `${r.owner}/${r.name}`, name: w.name, path: w.path, state: 'active' as const }))),
    runs: [],
    jobs: [],
    checkRuns: [],
    files,
    refs: def.repositories.map((r) => ({ repo: `${r.owner}/${r.name}`, branches: [...r.branches], tags: ['v2.2.0', 'v2.3.0'] })),
    environments: def.repositories.flatMap((r) => (r.environments ?? []).map((e) => ({ id: e.id, repo: `${r.owner}/${r.name}`, name: e.name }))),
    pendingDeployments: [],
    ...mergeGateData(def),
  };
}

/** Required status checks of the demo's pull request (commit statuses, so they move only when told). */
export const GATE_CONTEXTS = { failing: 'ci/security-scan', pending: 'ci/integration' } as const;

/**
 * The demo checkout's branch has an open pull request #42 into the default branch, whose rules
 * require two commit statuses: one failing, one pending (POST /__scenario/status turns them green).
 * Its head is the newest run of the branch; mergeable_state follows the required statuses.
 */
function mergeGateData(def: ScenarioDefinition): Pick<FakeGitHubData, 'pullRequests' | 'branchRules' | 'commitStatuses'> {
  const repo = def.repositories.find((r) => `${r.owner}/${r.name}` === def.demo.repository);
  if (repo === undefined || def.demo.branch === repo.defaultBranch) {
    return {};
  }
  const slug = def.demo.repository;
  const at = '2024-05-01T12:00:00Z';
  return {
    pullRequests: [{ repo: slug, number: 42, title: 'Express checkout', state: 'open', head: def.demo.branch, headSha: '0'.repeat(40), base: repo.defaultBranch, draft: false, mergeableState: 'blocked', author: def.login, createdAt: at, updatedAt: at }],
    branchRules: [{ repo: slug, branch: repo.defaultBranch, rulesetChecks: [GATE_CONTEXTS.failing], protectionChecks: [GATE_CONTEXTS.pending] }],
    commitStatuses: [
      { repo: slug, sha: '0'.repeat(40), context: GATE_CONTEXTS.failing, state: 'failure', description: '2 high severity findings', targetUrl: `https://github.com/${slug}/security` },
      { repo: slug, sha: '0'.repeat(40), context: GATE_CONTEXTS.pending, state: 'pending', description: 'Waiting for the staging environment', targetUrl: null },
    ],
  };
}

/** Moves the pull request's head (and its statuses) to the newest run of its branch; mergeable_state from the required statuses. */
function followPullHeads(data: FakeGitHubData): void {
  for (const pull of data.pullRequests ?? []) {
    const newest = data.runs.filter((run) => run.repo === pull.repo && run.headBranch === pull.head).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    const statuses = (data.commitStatuses ?? []).filter((status) => status.repo === pull.repo);
    if (newest !== undefined && newest.headSha !== pull.headSha) {
      pull.headSha = newest.headSha;
      pull.updatedAt = newest.createdAt;
      for (const status of statuses) status.sha = newest.headSha;
    }
    pull.mergeableState = statuses.every((status) => status.state === 'success') ? 'clean' : 'blocked';
  }
}

/** Sets the state of one commit status of the scenario's pull requests (the control endpoint /__scenario/status). */
export function setCommitStatus(backend: ScenarioBackend, context: string, state: 'error' | 'failure' | 'pending' | 'success'): boolean {
  const statuses = (backend.fake.state.data.commitStatuses ?? []).filter((status) => status.context === context);
  for (const status of statuses) status.state = state;
  followPullHeads(backend.fake.state.data);
  return statuses.length > 0;
}

function workflowYaml(wf: ScenarioWorkflowDef): string {
  const lines = [`name: ${wf.name}`, 'on:', '  push:', '    branches: [main]'];
  if (wf.dispatchInputs) {
    lines.push('  workflow_dispatch:', '    inputs:');
    for (const [name, spec] of Object.entries(wf.dispatchInputs)) {
      lines.push(`      ${name}:`);
      for (const [key, value] of Object.entries(spec as Record<string, unknown>)) {
        lines.push(Array.isArray(value) ? `        ${key}: [${value.map((v) => JSON.stringify(v)).join(', ')}]` : `        ${key}: ${JSON.stringify(value)}`);
      }
    }
  }
  lines.push('jobs:', '  main:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '');
  return lines.join('\n');
}

/** Marks the scenario runs that cancel / re-run / review requests touched as the fake's own. */
function releaseMutated(backend: ScenarioBackend, mine: Owned): void {
  const { mutations } = backend.fake.state;
  for (const mutation of mutations.slice(mine.mutationsSeen)) {
    if (mutation.kind === 'dispatch') continue;
    const runId = mutation.kind === 'rerun-job' ? backend.fake.state.data.jobs.find((j) => j.id === mutation.targetId)?.runId : mutation.targetId;
    if (runId === undefined || !mine.runs.has(runId)) continue;
    mine.released.add(runId);
    mine.runs.delete(runId);
    for (const job of backend.fake.state.jobs(runId)) {
      mine.jobs.delete(job.id);
      mine.checks.delete(job.id);
    }
  }
  mine.mutationsSeen = mutations.length;
}

export function applySnapshot(backend: ScenarioBackend, snapshot: ScenarioSnapshot, clock: ScenarioClock): void {
  const mine = owned.get(backend)!;
  releaseMutated(backend, mine);
  const data = backend.fake.state.data;
  const iso = (t: number | null): string | null => (t === null ? null : new Date(clock.wallTime(t)).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const runs: FakeRun[] = [];
  const jobs: FakeJob[] = [];
  const checks: FakeCheckRun[] = [];
  const pending: FakePendingDeployment[] = [];
  const artifacts: FakeArtifact[] = [];
  for (const repo of snapshot.repositories) {
    const environments = backend.fake.state.environments(repo.fullName);
    for (const run of repo.runs) {
      if (mine.released.has(run.id)) continue;
      for (const name of run.waitingFor) {
        const environment = environments.find((e) => e.name === name);
        if (environment) pending.push({ runId: run.id, environmentId: environment.id, waitTimer: 0, canApprove: true, reviewers: [] });
      }
      runs.push({
        id: run.id, repo: repo.fullName, workflowId: run.workflowId, runNumber: run.number, runAttempt: run.attempt, event: run.event,
        status: run.status, conclusion: run.conclusion, headBranch: run.branch, headSha: run.sha, displayTitle: run.title, commitMessage: run.title,
        actor: run.actor, triggeringActor: run.actor, createdAt: iso(run.createdAt)!, updatedAt: iso(run.updatedAt)!, runStartedAt: iso(run.startedAt ?? run.createdAt)!,
      });
      if (run.status === 'completed') artifacts.push(...scenarioArtifacts(repo.fullName, run.id, iso(run.updatedAt)!));
      for (const job of run.jobs) {
        jobs.push({
          id: job.id, runId: run.id, name: job.name, runAttempt: 1, status: job.status, conclusion: job.conclusion,
          createdAt: iso(job.createdAt)!, startedAt: iso(job.startedAt), completedAt: iso(job.completedAt),
          steps: job.steps.map((s) => ({ number: s.number, name: s.name, status: s.status, conclusion: s.conclusion, startedAt: iso(s.startedAt), completedAt: iso(s.completedAt) })),
          log: job.logLines.length === 0 ? null : `${job.logLines.map((l) => `${new Date(clock.wallTime(l.at)).toISOString().replace('Z', '0000Z')} ${l.text}`).join('\n')}\n`,
        });
        checks.push({
          id: job.id, repo: repo.fullName, headSha: run.sha, name: job.name, status: job.status, conclusion: job.conclusion,
          startedAt: iso(job.startedAt), completedAt: iso(job.completedAt),
          title: job.conclusion === 'failure' ? 'Process completed with exit code 1.' : null, summary: null,
          annotations: job.annotations.map((a) => ({ path: a.path, startLine: a.start_line, endLine: a.end_line, startColumn: a.start_column ?? null, endColumn: a.end_column ?? null, level: a.annotation_level, title: a.title || null, message: a.message, rawDetails: null })),
        });
      }
    }
  }
  // Replace what the scenario generated before; keep what the fake made on its own.
  data.runs = [...data.runs.filter((r) => !mine.runs.has(r.id)), ...runs];
  data.jobs = [...data.jobs.filter((j) => !mine.jobs.has(j.id)), ...jobs];
  data.checkRuns = [...data.checkRuns.filter((c) => !mine.checks.has(c.id)), ...checks];
  data.pendingDeployments = [...(data.pendingDeployments ?? []).filter((p) => !mine.runs.has(p.runId)), ...pending];
  data.artifacts = [...(data.artifacts ?? []).filter((a) => !mine.runs.has(a.runId)), ...artifacts];
  mine.runs = new Set(runs.map((r) => r.id));
  mine.jobs = new Set(jobs.map((j) => j.id));
  mine.checks = new Set(checks.map((c) => c.id));
  followPullHeads(data);
}
