/** Route handlers of the fake Bitbucket Cloud REST API 2.0 (paths under /2.0). */
import { json, type KitRequest, type Reply, type Router } from '../kit';
import { paginated, renderPipeline, renderRepository, renderStep, renderTestReport, renderUser } from './shapes';
import type { FakeBitbucketState, FakeCredential, FakePipeline, FakeRepository, FakeStep } from './state';

type Req = KitRequest<FakeCredential>;

/** Bitbucket's error body: `{type: "error", error: {message, detail}}`. */
export const bbError = (status: number, message: string, detail?: string): Reply => json(status, { type: 'error', error: { message, ...(detail !== undefined ? { detail } : {}) } });

const R = '/2.0/repositories/{workspace}/{repo_slug}';
const P = `${R}/pipelines/{pipeline_uuid}`;
const S = `${P}/steps/{step_uuid}`;
const FINISHED = new Set(['SUCCESSFUL', 'FAILED', 'ERROR', 'STOPPED', 'EXPIRED']);

function sees(cred: FakeCredential, workspace: string, repo: string): boolean {
  if (cred.only === undefined) return true;
  return cred.kind === 'repository' ? cred.only === `${workspace}/${repo}` : cred.only === workspace;
}

function scoped(cred: FakeCredential, scope: string): Reply | undefined {
  const [resource = '', level = ''] = scope.split(':');
  const ok = cred.scopes.some((s) => s === scope || (level === 'read' && s === `${resource}:write`));
  return ok ? undefined : bbError(403, 'Your credentials lack one or more required privilege scopes.', `Required: ${scope}`);
}

/** Access tokens: their scopes in X-OAuth-Scopes, as Bitbucket reports them. */
function withScopes(req: Req, reply: Reply): Reply {
  return req.identity.kind === 'account' ? reply : { ...reply, headers: { ...reply.headers, 'x-oauth-scopes': req.identity.scopes.join(', ') } };
}

function page(items: readonly unknown[], url: URL): Reply {
  const { body, bad } = paginated(items, url);
  return bad !== undefined ? bbError(400, bad) : json(200, body);
}

export function addRoutes(router: Router<FakeCredential>, state: FakeBitbucketState, web: () => string): void {
  const withRepo = (req: Req, scope: string, then: (repo: FakeRepository) => Reply): Reply => {
    const { workspace = '', repo_slug: slug = '' } = req.params;
    const repo = sees(req.identity, workspace, slug) ? state.repository(workspace, slug) : undefined;
    if (repo === undefined) return bbError(404, `Repository ${workspace}/${slug} not found`);
    return scoped(req.identity, scope) ?? then(repo);
  };
  const withPipeline = (req: Req, scope: string, then: (p: FakePipeline, repo: FakeRepository) => Reply): Reply =>
    withRepo(req, scope, (repo) => {
      const p = state.pipeline(repo.workspace, repo.slug, req.params.pipeline_uuid ?? '');
      return p === undefined ? bbError(404, 'Not found', `Pipeline with UUID ${req.params.pipeline_uuid ?? ''} not found.`) : then(p, repo);
    });
  const withStep = (req: Req, then: (step: FakeStep, p: FakePipeline) => Reply): Reply =>
    withPipeline(req, 'pipeline:read', (p) => {
      const step = p.steps.find((s) => s.uuid === req.params.step_uuid);
      return step === undefined ? bbError(404, 'Not found', `Step with UUID ${req.params.step_uuid ?? ''} not found.`) : then(step, p);
    });

  router
    .add('GET /2.0/user', (req) => withScopes(req, req.identity.kind === 'account' ? json(200, renderUser(state.user)) : bbError(403, 'This API is only accessible with the following authentication types: session, password, apppassword, api_token')))
    .add('GET /2.0/workspaces', (req) => {
      if (req.identity.kind === 'repository') return withScopes(req, bbError(403, 'Access token is not authorized for this resource'));
      const slugs = [...new Set(state.repositories.map((r) => r.workspace))].filter((w) => req.identity.kind === 'account' || req.identity.only === w);
      return withScopes(req, page(slugs.map((slug) => ({ type: 'workspace', slug, name: slug.toUpperCase(), uuid: `{${slug}}` })), req.url));
    })
    .add(`GET ${R}`, (req) => withRepo(req, 'repository:read', (repo) => json(200, renderRepository(repo, web()))))
    .add(`GET ${R}/refs/branches`, (req) => withRepo(req, 'repository:read', (repo) => page(repo.branches.map((name) => ({ type: 'branch', name })), req.url)))
    .add(`GET ${R}/refs/tags`, (req) => withRepo(req, 'repository:read', (repo) => page(repo.tags.map((name) => ({ type: 'tag', name })), req.url)))
    .add(`GET ${R}/src/{commit}/{path}`, (req) =>
      withRepo(req, 'repository:read', (repo) => {
        const file = req.params.path === 'bitbucket-pipelines.yml' ? repo.files.get(req.params.commit ?? '') : undefined;
        return file === undefined ? bbError(404, 'No such file or directory') : { status: 200, text: file };
      }),
    )
    .add(`GET ${R}/pipelines`, (req) =>
      withRepo(req, 'pipeline:read', (repo) => {
        const sort = req.query.get('sort');
        if (sort !== null && sort !== 'created_on' && sort !== '-created_on') return bbError(400, 'Bad request', `Invalid sort attribute provided '${sort}'`);
        const branch = req.query.get('target.branch');
        let items = state.pipelinesOf(repo.workspace, repo.slug).filter((p) => branch === null || (p.refType === 'branch' && p.refName === branch));
        if (sort === '-created_on') items = [...items].reverse();
        return page(items.map((p) => renderPipeline(p, repo, web())), req.url);
      }),
    )
    .add(`POST ${R}/pipelines`, (req) =>
      withRepo(req, 'pipeline:write', (repo) => {
        const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
        const target = (typeof body.target === 'object' && body.target !== null ? body.target : {}) as Record<string, unknown>;
        const refName = typeof target.ref_name === 'string' ? target.ref_name : '';
        if (target.type !== 'pipeline_ref_target' || refName === '' || !repo.branches.includes(refName)) return bbError(400, 'Bad request', `Branch '${refName}' not found`);
        const commit = (target.commit as { hash?: unknown } | undefined)?.hash;
        const selector = target.selector as { type?: unknown; pattern?: unknown } | undefined;
        const variables = (Array.isArray(body.variables) ? body.variables : []) as { key?: unknown; value?: unknown; secured?: unknown }[];
        const created = state.create(repo.workspace, repo.slug, {
          refName,
          commit: typeof commit === 'string' ? commit : '0123456789abcdef0123456789abcdef01234567',
          selector: selector?.type === 'custom' && typeof selector.pattern === 'string' ? { type: 'custom', pattern: selector.pattern } : { type: 'branches', pattern: refName },
          variables: variables.map((v) => ({ key: typeof v.key === 'string' ? v.key : '', value: typeof v.value === 'string' ? v.value : '', secured: v.secured === true })),
        });
        return json(201, renderPipeline(created, repo, web()), { location: `${web()}/2.0/repositories/${repo.workspace}/${repo.slug}/pipelines/${encodeURIComponent(created.uuid)}` });
      }),
    )
    .add(`GET ${P}`, (req) => withPipeline(req, 'pipeline:read', (p, repo) => json(200, renderPipeline(p, repo, web()))))
    .add(`POST ${P}/stopPipeline`, (req) =>
      withPipeline(req, 'pipeline:write', (p) => {
        if (FINISHED.has(p.state)) return bbError(400, 'Bad request', 'The pipeline has already completed.');
        p.state = 'STOPPED';
        p.completedOn = state.clock.iso();
        for (const step of p.steps) if (step.state === 'IN_PROGRESS' || step.state === 'PENDING' || step.state === 'READY') step.state = step.state === 'IN_PROGRESS' ? 'STOPPED' : 'NOT_RUN';
        return { status: 204 };
      }),
    )
    .add(`GET ${P}/steps`, (req) => withPipeline(req, 'pipeline:read', (p) => page(p.steps.map((s) => renderStep(s, p)), req.url)))
    .add(`GET ${S}`, (req) => withStep(req, (step, p) => json(200, renderStep(step, p))))
    .add(`GET ${S}/log`, (req) => withStep(req, (step) => logReply(step, req.headers.range, state.ignoreRange)))
    .add(`GET ${S}/test_reports`, (req) => withStep(req, (step) => (step.testCases === undefined ? bbError(404, 'Not found', 'No test reports for this step') : json(200, renderTestReport(step)))))
    .add(`GET ${S}/test_reports/test_cases`, (req) =>
      withStep(req, (step) =>
        step.testCases === undefined
          ? bbError(404, 'Not found', 'No test reports for this step')
          : page(step.testCases.map((c, i) => ({ uuid: `{case-${i}}`, name: c.name, fully_qualified_name: c.fullyQualifiedName, status: c.status, duration: 'PT0.01S' })), req.url),
      ),
    );
}

/** The raw log; `Range: bytes=N-` -> 206 with Content-Range, or 416 at or past the end. */
function logReply(step: FakeStep, range: string | undefined, ignoreRange: boolean): Reply {
  if (step.log === undefined) return bbError(404, 'Not found', 'Log file does not exist for the given step.');
  const bytes = typeof step.log === 'string' ? Buffer.from(step.log, 'utf8') : Buffer.from(step.log);
  const headers = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes' };
  const match = ignoreRange ? null : /^bytes=(\d+)-(\d*)$/.exec(range ?? '');
  if (match === null) return { status: 200, bytes, headers };
  const start = Number(match[1]);
  const end = match[2] === '' || match[2] === undefined ? bytes.length - 1 : Math.min(bytes.length - 1, Number(match[2]));
  if (start >= bytes.length) return { status: 416, headers: { 'content-range': `bytes */${bytes.length}` }, json: { type: 'error', error: { message: 'Requested range not satisfiable' } } };
  return { status: 206, bytes: bytes.subarray(start, end + 1), headers: { ...headers, 'content-range': `bytes ${start}-${end}/${bytes.length}` } };
}
