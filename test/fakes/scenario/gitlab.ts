/**
 * Serves the GitLab part of the moving scenario through the fake GitLab v4
 * server (test/fakes/gitlab): the project, its user, token, branches and CI
 * config do not move; pipelines, jobs, bridges, traces, test reports and code-quality reports follow
 * gitlabTimeline.ts on every sync(). A job waiting for a deployment approval gets a
 * blocked deployment once. Records the fake made itself (created
 * pipelines, retried jobs) are kept; the scenario owns only the ids it generated.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FakeGitLabServer } from '../gitlab/server';
import { FakeGitLabState, type FakeJob, type FakePipeline } from '../gitlab/state';
import { gitlabScenarioArchive } from './artifacts';
import type { ScenarioClock } from './clock';
import type { ScenarioServer } from './server';
import { gitlabScenarioLength, gitlabSnapshotAt, type GitLabScenarioDefinition, type GitLabTestCaseDef, type GlPipelineState, type TraceEvent } from './gitlabTimeline';

export interface GitLabScenario {
  /** Instance URL (flowforge.gitlab.url); the API is under /api/v4. */
  readonly url: string;
  readonly definition: GitLabScenarioDefinition;
  readonly token: string;
  /** Git remote of the project on the instance. */
  readonly remoteUrl: string;
  readonly server: FakeGitLabServer;
  readonly length: number;
  sync(): void;
  describe(): unknown;
  close(): Promise<void>;
}

export function loadGitLabDefinition(file = path.join(__dirname, '..', '..', '..', ...(__dirname.includes(`${path.sep}out${path.sep}`) ? ['..'] : []), 'test', 'fixtures', 'scenario', 'gitlab.json')): GitLabScenarioDefinition {
  return JSON.parse(readFileSync(file, 'utf8')) as GitLabScenarioDefinition;
}

export type ScenarioWithGitLab = ScenarioServer & { readonly gitlab: GitLabScenario };

/**
 * Adds the GitLab part to a running scenario server: the fake GitLab follows the same clock
 * (synced every `tickMs` and on advance), and close() stops both. The scenario's advanceToEnd
 * also completes the GitLab pipelines as long as they end before the GitHub runs (they do).
 */
export async function withGitLab(scenario: ScenarioServer, options: { loop?: boolean; port?: number; tickMs?: number; file?: string } = {}): Promise<ScenarioWithGitLab> {
  const gitlab = await startGitLabScenario(loadGitLabDefinition(options.file), scenario.clock, options);
  const timer = setInterval(() => gitlab.sync(), options.tickMs ?? 250);
  timer.unref();
  return Object.assign(Object.create(scenario) as ScenarioServer, {
    gitlab,
    advance(seconds: number) { scenario.advance(seconds); gitlab.sync(); },
    advanceToEnd() { scenario.advanceToEnd(); gitlab.sync(); },
    async close() { clearInterval(timer); await gitlab.close(); await scenario.close(); },
  });
}

/**
 * The demo branch's open merge request !17 into the default branch: its head pipeline is the newest
 * pipeline of the branch (not a child pipeline), two approvals are required and one is given (one left), and
 * detailed_merge_status follows the pipeline (ci_still_running, then not_approved).
 */
function followMergeRequest(state: FakeGitLabState, definition: GitLabScenarioDefinition, iso: (t: number | null) => string | null): void {
  const { project, demo, user } = definition;
  if (demo.branch === project.defaultBranch) return;
  const head = state.pipelinesOf(project.id).filter((p) => p.ref === demo.branch && p.source !== 'parent_pipeline').sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)[0];
  const running = head !== undefined && !['success', 'failed', 'canceled', 'skipped', 'manual'].includes(head.status);
  const known = state.mergeRequests.get(MERGE_REQUEST_ID);
  state.mergeRequests.set(MERGE_REQUEST_ID, {
    id: MERGE_REQUEST_ID, iid: 17, project_id: project.id, title: 'Invoice PDF export', state: 'opened', source_branch: demo.branch, target_branch: project.defaultBranch,
    sha: head?.sha ?? '0'.repeat(40), head_pipeline_id: head?.id, detailed_merge_status: running ? 'ci_still_running' : 'not_approved',
    approvals_required: 2, approved_by: ['reviewer-one'], author: user.username, draft: false,
    created_at: iso(-3600) ?? '', updated_at: known !== undefined && known.head_pipeline_id === head?.id ? known.updated_at : (head?.created_at ?? iso(-3600) ?? ''),
  });
}

const MERGE_REQUEST_ID = 91017;

export async function startGitLabScenario(definition: GitLabScenarioDefinition, clock: ScenarioClock, { loop = false, port = 0 } = {}): Promise<GitLabScenario> {
  const { project, user, token } = definition;
  const state = new FakeGitLabState({
    users: [user],
    tokens: [{ token, username: user.username, scopes: ['api'] }],
    projects: [{ id: project.id, path_with_namespace: project.path, default_branch: project.defaultBranch, ci_config_path: null, visibility: 'private' }],
    refs: { [String(project.id)]: { branches: [...project.branches], tags: ['v2.3.0'] } },
    files: Object.fromEntries(project.branches.map((b) => [`${project.id}|${b}|.gitlab-ci.yml`, ciYaml(definition)])),
  });
  const server = new FakeGitLabServer({ state, port });
  const url = await server.start();
  let owned = { pipelines: new Set<number>(), jobs: new Set<number>() };
  let current: GlPipelineState[] = [];
  const taken = takeOverMutated(state);

  const sync = (): void => {
    current = gitlabSnapshotAt(definition, clock.now(), { loop });
    const iso = (t: number | null): string | null => (t === null ? null : new Date(clock.wallTime(t)).toISOString());
    const next = { pipelines: new Set<number>(), jobs: new Set<number>() };
    for (const id of owned.pipelines) if (!taken.pipelines.has(id)) { state.pipelines.delete(id); state.testReports.delete(id); }
    for (const id of owned.jobs) if (!taken.jobs.has(id)) { state.jobs.delete(id); state.bridges.delete(id); state.traces.delete(id); }
    for (const p of current) {
      const pipeline: FakePipeline = {
        id: p.id, iid: p.iid, project_id: project.id, status: p.status, ref: p.ref, sha: p.sha, source: p.source, name: p.name, username: p.user,
        created_at: iso(p.createdAt)!, updated_at: iso(p.updatedAt)!, started_at: iso(p.startedAt), finished_at: iso(p.finishedAt),
      };
      state.commits.set(p.sha, p.commit);
      if (!taken.pipelines.has(p.id)) {
        state.addPipeline(pipeline);
        next.pipelines.add(p.id);
      }
      if (p.testReport) state.testReports.set(p.id, testReport(definition.testReports[p.testReport] ?? []));
      for (const j of p.jobs) {
        const job: FakeJob = {
          id: j.id, pipeline_id: p.id, name: j.name, stage: j.stage, status: j.status, allow_failure: j.allowFailure, username: p.user,
          created_at: iso(j.createdAt)!, started_at: iso(j.startedAt), finished_at: iso(j.finishedAt),
          ...(j.downstreamId !== undefined ? { downstream_pipeline_id: j.downstreamId } : {}),
          ...(j.status === 'manual' ? { when: 'manual' } : {}),
          ...gitlabScenarioArchive(j.stage, j.status),
          ...(j.codeQuality ? codeQualityArtifact(j.codeQuality) : {}),
        };
        // A job waiting for a deployment approval has a blocked deployment (same id); the fake owns it from then on.
        if (j.approvalEnvironment !== undefined && !state.deployments.has(j.id)) {
          state.deployments.set(j.id, {
            id: j.id, iid: state.deployments.size + 1, project_id: project.id, job_id: j.id, environment: j.approvalEnvironment, status: 'blocked',
            username: p.user, created_at: iso(j.createdAt)!, updated_at: iso(j.createdAt)!, rules: ['Maintainers'],
          });
        }
        if (taken.jobs.has(j.id)) continue;
        if (j.bridge) state.addBridge(job);
        else state.addJob(job);
        if (j.trace.length > 0) state.traces.set(j.id, renderTrace(j.trace, (t) => clock.wallTime(t)));
        next.jobs.add(j.id);
      }
    }
    owned = next;
    followMergeRequest(state, definition, iso);
  };
  sync();

  return {
    url,
    definition,
    token,
    remoteUrl: `${url}/${project.path}.git`,
    server,
    length: gitlabScenarioLength(definition),
    sync,
    describe: () => ({
      url,
      project: project.path,
      pipelines: current.map((p) => ({ id: p.id, iid: p.iid, ref: p.ref, source: p.source, status: p.status, jobs: p.jobs.map((j) => ({ id: j.id, name: j.name, stage: j.stage, status: j.status })) })),
    }),
    close: () => server.close(),
  };
}

/**
 * Pipelines and jobs the fake changed itself (play, cancel, retry through the API) leave the
 * timeline: from then on sync() keeps the fake's record (a played job stays pending, a
 * cancelled pipeline stays canceled) and does not bring back a retried job's old record.
 * Playing or retrying a job of a finished pipeline makes the pipeline pending again.
 */
function takeOverMutated(state: FakeGitLabState): { pipelines: Set<number>; jobs: Set<number> } {
  const taken = { pipelines: new Set<number>(), jobs: new Set<number>() };
  const setPipelineStatus = state.setPipelineStatus.bind(state);
  const setJobStatus = state.setJobStatus.bind(state);
  const retryJob = state.retryJob.bind(state);
  state.setPipelineStatus = (id, status) => { taken.pipelines.add(id); setPipelineStatus(id, status); };
  state.setJobStatus = (id, status) => { taken.jobs.add(id); setJobStatus(id, status); };
  const playJob = state.playJob.bind(state);
  // As GitLab: a played or retried job puts its finished pipeline back to pending.
  const reopen = (job: FakeJob): FakeJob => {
    const pipeline = state.pipelines.get(job.pipeline_id);
    if (pipeline && ['success', 'failed', 'canceled', 'skipped', 'manual'].includes(pipeline.status)) {
      state.setPipelineStatus(pipeline.id, 'pending');
      pipeline.finished_at = null;
    }
    return job;
  };
  state.retryJob = (id) => { taken.jobs.add(id); return reopen(retryJob(id)); };
  state.playJob = (id) => reopen(playJob(id));
  return taken;
}

/** GitLab's trace format: ANSI colours, "section_start:<unix>:<name>\r\e[0K<header>" ... "section_end:<unix>:<name>\r\e[0K". */
export function renderTrace(events: readonly TraceEvent[], wallMs: (t: number) => number): string {
  return events
    .map((e) => {
      if (!('section' in e)) return `${e.text}\n`;
      const unix = Math.floor(wallMs(e.at) / 1000);
      return e.section === 'start' ? `section_start:${unix}:${e.name}\r\u001b[0K${e.header ?? e.name}\n` : `section_end:${unix}:${e.name}\r\u001b[0K\n`;
    })
    .join('');
}

/** A codequality report artifact; also in the archive (artifacts:paths), so the single-file route serves it. */
function codeQualityArtifact(issues: readonly Record<string, unknown>[]): Pick<FakeJob, 'artifacts' | 'files'> {
  const filename = 'gl-code-quality-report.json';
  return { artifacts: [{ file_type: 'codequality', filename, file_format: 'raw' }], files: { [filename]: JSON.stringify(issues) } };
}

function testReport(cases: readonly GitLabTestCaseDef[]): unknown {
  const count = (list: readonly GitLabTestCaseDef[], status: string): number => list.filter((c) => c.status === status).length;
  const totals = (list: readonly GitLabTestCaseDef[]) => ({
    total_time: list.length * 0.4, total_count: list.length, success_count: count(list, 'success'), failed_count: count(list, 'failed'),
    skipped_count: count(list, 'skipped'), error_count: count(list, 'error'),
  });
  const suites = [...new Set(cases.map((c) => c.suite))].map((name) => {
    const list = cases.filter((c) => c.suite === name);
    return {
      name, ...totals(list), suite_error: null,
      test_cases: list.map((c) => ({
        status: c.status, name: c.name, classname: c.classname, file: c.file ?? null, execution_time: 0.4,
        system_output: c.output ?? null, stack_trace: c.stack ?? null, recent_failures: null,
      })),
    };
  });
  return { ...totals(cases), test_suites: suites };
}

function ciYaml(def: GitLabScenarioDefinition): string {
  // JSON is YAML: inputs and variables are written as flow mappings.
  const header = def.inputs ? ['spec:', `  inputs: ${JSON.stringify(def.inputs)}`, '---'] : [];
  const variables = def.variables ? [`variables: ${JSON.stringify(def.variables)}`, ''] : [];
  const lines = [...header, `stages: [${def.stages.join(', ')}]`, '', ...variables];
  for (const job of Object.values(def.templates)[0]?.jobs ?? []) {
    lines.push(`${job.name}:`, `  stage: ${job.stage}`);
    if (job.trigger) lines.push('  trigger:', `    include: ci/${job.trigger}.yml`, '    strategy: depend');
    else lines.push('  script:', `    - ./ci/${job.name}.sh`);
    if (job.manual) lines.push('  when: manual');
    if (job.allowFailure) lines.push('  allow_failure: true');
    lines.push('');
  }
  return lines.join('\n');
}
