/**
 * What serves the scenario's GitHub API. Until the shared fake GitHub server
 * (test/fakes/github) is wired in, this is a small read-mostly GitHub Actions
 * API that answers straight from the current timeline snapshot: the endpoints
 * the extension's GitHub provider calls (src/providers/github), token check
 * with x-oauth-scopes, branch/status filters, page/per_page with Link headers.
 * Writes (dispatch, cancel, re-run) are accepted and recorded, not simulated.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScenarioClock } from './clock';
import type { JobState, RepoState, RunState, ScenarioDefinition, ScenarioSnapshot } from './timeline';

export interface ScenarioBackend {
  readonly url: string;
  /** POSTs received (dispatch, cancel, re-run), newest last. */
  readonly writes: { method: string; path: string; body: unknown }[];
  close(): Promise<void>;
}

interface Internal extends ScenarioBackend {
  snapshot: ScenarioSnapshot;
  clock: ScenarioClock;
}

export async function startBackend(definition: ScenarioDefinition, snapshot: ScenarioSnapshot, clock: ScenarioClock): Promise<ScenarioBackend> {
  const writes: Internal['writes'] = [];
  const state = { snapshot, clock };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      try {
        handle(definition, state, writes, base(), req, body, res);
      } catch (err) {
        send(res, 500, { message: err instanceof Error ? err.message : String(err) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = (): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const backend: Internal = {
    url: base(),
    writes,
    get snapshot() { return state.snapshot; },
    set snapshot(s: ScenarioSnapshot) { state.snapshot = s; },
    clock,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return backend;
}

export function applySnapshot(backend: ScenarioBackend, snapshot: ScenarioSnapshot, _clock: ScenarioClock): void {
  (backend as Internal).snapshot = snapshot;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600), 'x-ratelimit-resource': 'core', ...headers });
  res.end(text);
}

function handle(def: ScenarioDefinition, state: { snapshot: ScenarioSnapshot; clock: ScenarioClock }, writes: ScenarioBackend['writes'], api: string, req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', api);
  const method = req.method ?? 'GET';
  const auth = req.headers.authorization ?? '';
  const token = auth.replace(/^(token|bearer)\s+/i, '').trim();
  if (!def.tokens.includes(token)) {
    send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    return;
  }
  const iso = (t: number | null): string | null => (t === null ? null : new Date(state.clock.wallTime(t)).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);

  if (method === 'GET' && url.pathname === '/user') {
    send(res, 200, { login: def.login, id: 4242, type: 'User', name: 'Octo Demo', avatar_url: '', html_url: `https://github.com/${def.login}` }, { 'x-oauth-scopes': 'repo, workflow, read:org' });
    return;
  }
  if (parts[0] !== 'repos' || parts.length < 3) {
    send(res, 404, { message: 'Not Found' });
    return;
  }
  const repo = state.snapshot.repositories.find((r) => r.owner.toLowerCase() === parts[1]?.toLowerCase() && r.name.toLowerCase() === parts[2]?.toLowerCase());
  if (!repo) {
    send(res, 404, { message: 'Not Found' });
    return;
  }
  const rest = parts.slice(3);
  const repoApi = `${api}/repos/${repo.fullName}`;
  const html = `https://github.com/${repo.fullName}`;

  if (method === 'POST') {
    writes.push({ method, path: url.pathname, body: body ? (JSON.parse(body) as unknown) : undefined });
    send(res, rest.includes('dispatches') ? 204 : 202, rest.includes('dispatches') ? undefined : {});
    return;
  }

  const runJson = (run: RunState): unknown => {
    const wf = repo.workflows.find((w) => w.id === run.workflowId);
    return {
      id: run.id, node_id: `WFR_${run.id}`, name: wf?.name ?? 'workflow', display_title: run.title, run_number: run.number, run_attempt: run.attempt,
      event: run.event, status: run.status, conclusion: run.conclusion, workflow_id: run.workflowId, path: wf?.path ?? '',
      head_branch: run.branch, head_sha: run.sha, check_suite_id: run.id + 7, pull_requests: [],
      created_at: iso(run.createdAt), updated_at: iso(run.updatedAt), run_started_at: iso(run.startedAt ?? run.createdAt),
      url: `${repoApi}/actions/runs/${run.id}`, html_url: `${html}/actions/runs/${run.id}`, jobs_url: `${repoApi}/actions/runs/${run.id}/jobs`,
      logs_url: `${repoApi}/actions/runs/${run.id}/logs`, cancel_url: `${repoApi}/actions/runs/${run.id}/cancel`, rerun_url: `${repoApi}/actions/runs/${run.id}/rerun`,
      workflow_url: `${repoApi}/actions/workflows/${run.workflowId}`,
      actor: { login: run.actor, id: 1, avatar_url: '', type: 'User' }, triggering_actor: { login: run.actor, id: 1, avatar_url: '', type: 'User' },
      head_commit: { id: run.sha, tree_id: run.sha, message: run.title, timestamp: iso(run.createdAt), author: { name: run.actor, email: `${run.actor}@users.noreply.github.com` } },
      repository: repoJson(repo, api), head_repository: repoJson(repo, api),
    };
  };
  const jobJson = (job: JobState, run: RunState): unknown => ({
    id: job.id, run_id: job.runId, run_attempt: 1, node_id: `CR_${job.id}`, head_sha: run.sha, head_branch: run.branch, workflow_name: repo.workflows.find((w) => w.id === run.workflowId)?.name,
    url: `${repoApi}/actions/jobs/${job.id}`, html_url: `${html}/actions/runs/${run.id}/job/${job.id}`, run_url: `${repoApi}/actions/runs/${run.id}`,
    check_run_url: `${repoApi}/check-runs/${job.id}`, status: job.status, conclusion: job.conclusion, name: job.name,
    created_at: iso(job.createdAt), started_at: iso(job.startedAt ?? job.createdAt), completed_at: iso(job.completedAt),
    steps: job.steps.map((s) => ({ name: s.name, number: s.number, status: s.status, conclusion: s.conclusion, started_at: iso(s.startedAt), completed_at: iso(s.completedAt) })),
    labels: ['ubuntu-latest'], runner_id: job.status === 'queued' ? null : 7, runner_name: job.status === 'queued' ? null : 'GitHub Actions 7', runner_group_name: 'GitHub Actions',
  });
  const findJob = (id: number): { job: JobState; run: RunState } | undefined => {
    for (const run of repo.runs) for (const job of run.jobs) if (job.id === id) return { job, run };
    return undefined;
  };
  const page = <T>(items: readonly T[], key: string): void => {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
    const pageNo = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const links: string[] = [];
    const link = (p: number, rel: string): void => {
      const u = new URL(url.toString());
      u.searchParams.set('page', String(p));
      links.push(`<${u.toString()}>; rel="${rel}"`);
    };
    if (pageNo < last) { link(pageNo + 1, 'next'); link(last, 'last'); }
    if (pageNo > 1) { link(1, 'first'); link(pageNo - 1, 'prev'); }
    send(res, 200, { total_count: items.length, [key]: slice }, links.length ? { link: links.join(', ') } : {});
  };
  const filterRuns = (runs: readonly RunState[]): RunState[] => runs.filter((r) => {
    const branch = url.searchParams.get('branch');
    const status = url.searchParams.get('status');
    const event = url.searchParams.get('event');
    if (branch && r.branch !== branch) return false;
    if (event && r.event !== event) return false;
    if (status && r.status !== status && r.conclusion !== status) return false;
    return true;
  });

  if (rest.length === 0) {
    send(res, 200, repoJson(repo, api));
  } else if (rest[0] === 'actions' && rest[1] === 'workflows' && rest.length === 2) {
    page(repo.workflows.map((w) => ({ id: w.id, node_id: `W_${w.id}`, name: w.name, path: w.path, state: 'active', created_at: '2024-01-01T00:00:00Z', updated_at: '2024-06-01T00:00:00Z', url: `${repoApi}/actions/workflows/${w.id}`, html_url: `${html}/blob/${repo.defaultBranch}/${w.path}`, badge_url: `${html}/workflows/${encodeURIComponent(w.name)}/badge.svg` })), 'workflows');
  } else if (rest[0] === 'actions' && rest[1] === 'workflows' && rest[3] === 'runs') {
    const wf = repo.workflows.find((w) => String(w.id) === rest[2] || w.path.endsWith(`/${rest[2] ?? ''}`));
    if (!wf) send(res, 404, { message: 'Not Found' });
    else page(filterRuns(repo.runs.filter((r) => r.workflowId === wf.id)).map(runJson), 'workflow_runs');
  } else if (rest[0] === 'actions' && rest[1] === 'runs' && rest.length === 2) {
    page(filterRuns(repo.runs).map(runJson), 'workflow_runs');
  } else if (rest[0] === 'actions' && rest[1] === 'runs' && rest.length >= 3) {
    const run = repo.runs.find((r) => String(r.id) === rest[2]);
    if (!run) send(res, 404, { message: 'Not Found' });
    else if (rest.length === 3) send(res, 200, runJson(run));
    else if (rest[3] === 'jobs') page(run.jobs.map((j) => jobJson(j, run)), 'jobs');
    else send(res, 404, { message: 'Not Found' });
  } else if (rest[0] === 'actions' && rest[1] === 'jobs' && rest[3] === 'logs') {
    const found = findJob(Number(rest[2]));
    if (!found) { send(res, 404, { message: 'Not Found' }); return; }
    const text = found.job.logLines.map((l) => `${new Date(state.clock.wallTime(l.at)).toISOString().replace('Z', '0000Z')} ${l.text}`).join('\n');
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text ? `${text}\n` : '');
  } else if (rest[0] === 'actions' && rest[1] === 'jobs' && rest.length === 3) {
    const found = findJob(Number(rest[2]));
    if (!found) send(res, 404, { message: 'Not Found' });
    else send(res, 200, jobJson(found.job, found.run));
  } else if (rest[0] === 'check-runs' && rest[2] === 'annotations') {
    const found = findJob(Number(rest[1]));
    if (!found) { send(res, 404, { message: 'Not Found' }); return; }
    send(res, 200, found.job.annotations.map((a) => ({ start_column: null, end_column: null, raw_details: null, ...a, blob_href: `${html}/blob/${found.run.sha}/${a.path}` })));
  } else if (rest[0] === 'commits' && rest[2] === 'check-runs') {
    const ref = rest[1] ?? '';
    const jobs = repo.runs.filter((r) => r.sha === ref || r.branch === ref).flatMap((r) => r.jobs.map((j) => ({ job: j, run: r })));
    page(jobs.map(({ job, run }) => ({ id: job.id, name: job.name, head_sha: run.sha, status: job.status, conclusion: job.conclusion, started_at: iso(job.startedAt), completed_at: iso(job.completedAt), html_url: `${html}/runs/${job.id}`, output: { title: null, summary: null, annotations_count: job.annotations.length, annotations_url: `${repoApi}/check-runs/${job.id}/annotations` } })), 'check_runs');
  } else {
    send(res, 404, { message: 'Not Found' });
  }
}

function repoJson(repo: RepoState, api: string): unknown {
  return {
    id: Math.abs(hash(repo.fullName)), node_id: `R_${repo.name}`, name: repo.name, full_name: repo.fullName, private: false,
    owner: { login: repo.owner, id: 99, type: 'Organization', avatar_url: '' }, default_branch: repo.defaultBranch,
    html_url: `https://github.com/${repo.fullName}`, url: `${api}/repos/${repo.fullName}`, permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  };
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}
