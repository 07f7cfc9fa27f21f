/** Route handlers of the fake Buildkite REST API v2. */
import { json, paginate, text, type KitRequest, type Reply, type Router, type SignBlob } from '../kit';
import { renderAnnotation, renderArtifact, renderBuild, renderJob, renderPipeline, renderUser, type Urls } from './shapes';
import { fakeUuid, type FakeBuild, type FakeBuildkiteState, type FakeToken } from './state';

type Req = KitRequest<FakeToken>;

const message = (status: number, text: string): Reply => json(status, { message: text });
const notFound = (): Reply => message(404, 'Not Found');

/** 403 unless the token has `scope` (Buildkite checks REST scopes per endpoint). */
function needs(scope: string, req: Req): Reply | undefined {
  return req.identity.scopes.includes(scope) ? undefined : message(403, `Your access token does not have the ${scope} scope`);
}

function orgVisible(req: Req, org: string): boolean {
  return req.identity.organizations === undefined || req.identity.organizations.includes(org);
}

const FINISHED = new Set(['passed', 'failed', 'blocked', 'canceled']);

function filterBuilds(builds: readonly FakeBuild[], query: URLSearchParams): FakeBuild[] {
  const branches = [...query.getAll('branch'), ...query.getAll('branch[]')];
  const commits = [...query.getAll('commit'), ...query.getAll('commit[]')];
  const states = [...query.getAll('state'), ...query.getAll('state[]')];
  const createdFrom = query.get('created_from');
  const finishedFrom = query.get('finished_from');
  return builds.filter(
    (b) =>
      (branches.length === 0 || branches.includes(b.branch)) &&
      (commits.length === 0 || commits.includes(b.commit)) &&
      (states.length === 0 || states.includes(b.state) || (states.includes('finished') && FINISHED.has(b.state))) &&
      (createdFrom === null || b.createdAt >= createdFrom) &&
      (finishedFrom === null || (b.finishedAt !== undefined && b.finishedAt >= finishedFrom)),
  );
}

function record(env: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof env === 'object' && env !== null && !Array.isArray(env)) {
    for (const [key, value] of Object.entries(env)) out[key] = String(value);
  }
  return out;
}

export function addRoutes(router: Router<FakeToken>, state: FakeBuildkiteState, urls: () => Urls, sign: SignBlob): void {
  const withBuild = (req: Req, scope: string, then: (build: FakeBuild) => Reply): Reply => {
    const denied = needs(scope, req);
    if (denied) return denied;
    const { org = '', pipeline = '', number = '' } = req.params;
    const build = orgVisible(req, org) ? state.build(org, pipeline, Number(number)) : undefined;
    return build === undefined ? notFound() : then(build);
  };
  const withJob = (req: Req, scope: string, then: (build: FakeBuild, job: FakeBuild['jobs'][number]) => Reply): Reply => {
    const denied = needs(scope, req);
    if (denied) return denied;
    const { org = '', job = '' } = req.params;
    const found = orgVisible(req, org) ? state.job(org, job) : undefined;
    return found === undefined ? message(404, 'No job found') : then(found.build, found.job);
  };

  router
    .add('GET /v2/access-token', (req) => json(200, { uuid: req.identity.uuid, scopes: req.identity.scopes }))
    .add('GET /v2/user', () => json(200, renderUser(state.user)))
    .add('GET /v2/organizations', (req) => {
      const visible = state.organizations.filter((o) => orgVisible(req, o.slug));
      const page = paginate(visible.map((o) => ({ id: `org-${o.slug}`, url: `${urls().api}/v2/organizations/${o.slug}`, web_url: `${urls().web}/${o.slug}`, name: o.name, slug: o.slug, pipelines_url: `${urls().api}/v2/organizations/${o.slug}/pipelines`, created_at: '2015-05-09T21:05:59.874Z' })), req.url);
      return json(200, page.items, page.headers);
    })
    .add('GET /v2/organizations/{org}/pipelines', (req) => {
      const denied = needs('read_pipelines', req);
      if (denied) return denied;
      const org = req.params.org ?? '';
      if (!orgVisible(req, org) || !state.organizations.some((o) => o.slug === org)) return notFound();
      const page = paginate(state.pipelines.filter((p) => p.org === org), req.url);
      return json(200, page.items.map((p) => renderPipeline(urls(), p)), page.headers);
    })
    .add('GET /v2/organizations/{org}/pipelines/{pipeline}', (req) => {
      const denied = needs('read_pipelines', req);
      if (denied) return denied;
      const p = orgVisible(req, req.params.org ?? '') ? state.pipeline(req.params.org ?? '', req.params.pipeline ?? '') : undefined;
      return p === undefined ? notFound() : json(200, renderPipeline(urls(), p));
    })
    .add('GET /v2/organizations/{org}/pipelines/{pipeline}/builds', (req) => {
      const denied = needs('read_builds', req);
      if (denied) return denied;
      const { org = '', pipeline = '' } = req.params;
      const p = orgVisible(req, org) ? state.pipeline(org, pipeline) : undefined;
      if (p === undefined) return notFound();
      const page = paginate(filterBuilds(state.buildsOf(org, pipeline), req.query), req.url);
      const excludeJobs = req.query.get('exclude_jobs') === 'true';
      const excludePipeline = req.query.get('exclude_pipeline') === 'true';
      return json(200, page.items.map((b) => renderBuild(urls(), b, excludePipeline ? undefined : p, { excludeJobs })), page.headers);
    })
    .add('POST /v2/organizations/{org}/pipelines/{pipeline}/builds', (req) => {
      const denied = needs('write_builds', req);
      if (denied) return denied;
      const { org = '', pipeline = '' } = req.params;
      const p = orgVisible(req, org) ? state.pipeline(org, pipeline) : undefined;
      if (p === undefined) return notFound();
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
      if (typeof body.commit !== 'string' || typeof body.branch !== 'string' || body.branch === '') {
        return json(422, { message: 'Validation Failed', errors: [{ field: typeof body.commit !== 'string' ? 'commit' : 'branch', code: 'missing_field' }] });
      }
      const build = state.addBuild({
        org,
        pipeline,
        number: state.nextNumber(org, pipeline),
        state: 'scheduled',
        message: typeof body.message === 'string' ? body.message : '',
        commit: body.commit,
        branch: body.branch,
        source: 'api',
        creator: state.user,
        env: record(body.env),
        metaData: record(body.meta_data),
      });
      return json(201, renderBuild(urls(), build, p));
    })
    .add('GET /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}', (req) => withBuild(req, 'read_builds', (b) => json(200, renderBuild(urls(), b, state.pipeline(b.org, b.pipeline)))))
    .add('PUT /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}/cancel', (req) =>
      withBuild(req, 'write_builds', (b) => {
        if (!['scheduled', 'running', 'failing'].includes(b.state)) return message(422, 'Build can no longer be canceled');
        b.state = 'canceling';
        return json(200, renderBuild(urls(), b, state.pipeline(b.org, b.pipeline)));
      }),
    )
    .add('PUT /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}/rebuild', (req) =>
      withBuild(req, 'write_builds', (b) => {
        const copy = state.addBuild({ org: b.org, pipeline: b.pipeline, number: state.nextNumber(b.org, b.pipeline), state: 'scheduled', message: b.message, commit: b.commit, branch: b.branch, source: 'api', creator: state.user, env: b.env, rebuiltFrom: b.number });
        return json(200, renderBuild(urls(), copy, state.pipeline(b.org, b.pipeline)));
      }),
    )
    .add('GET /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}/annotations', (req) =>
      withBuild(req, 'read_builds', (b) => {
        const page = paginate(b.annotations, req.url);
        return json(200, page.items.map((a) => renderAnnotation(a, b.createdAt)), page.headers);
      }),
    )
    .add('GET /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}/artifacts', (req) =>
      withBuild(req, 'read_artifacts', (b) => {
        const page = paginate(b.artifacts ?? [], req.url);
        return json(200, page.items.map((a) => renderArtifact(urls(), b, a)), page.headers);
      }),
    )
    // 302 to a signed storage URL, the URL also in the body (Artifacts API: download an artifact).
    .add('GET /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}/jobs/{job}/artifacts/{id}/download', (req) =>
      withBuild(req, 'read_artifacts', (b) => {
        const a = (b.artifacts ?? []).find((x) => x.id === req.params.id && x.jobId === req.params.job);
        if (a === undefined || a.state !== 'finished') return notFound();
        const url = sign(a.id, a.bytes, a.mimeType);
        return json(302, { url }, { location: url });
      }),
    )
    .add('GET /v2/organizations/{org}/jobs/{job}', (req) => withJob(req, 'read_builds', (b, j) => json(200, renderJob(urls(), b, j))))
    .add('GET /v2/organizations/{org}/jobs/{job}/log', (req) => withJob(req, 'read_build_logs', (b, j) => logReply(req, urls(), b, j.id, j.log ?? '')))
    .add('HEAD /v2/organizations/{org}/jobs/{job}/log', (req) => withJob(req, 'read_build_logs', (_b, j) => text(200, j.log ?? '', { 'accept-ranges': 'bytes' })))
    .add('GET /v2/organizations/{org}/jobs/{job}/log.txt', (req) => withJob(req, 'read_build_logs', (_b, j) => text(200, j.log ?? '')))
    .add('PUT /v2/organizations/{org}/jobs/{job}/retry', (req) =>
      withJob(req, 'write_builds', (b, j) => {
        if (j.retried === true) return message(400, 'This job has already been retried');
        if (!['failed', 'timed_out', 'canceled'].includes(j.state)) return message(400, 'Only failed, timed out or canceled jobs can be retried');
        const retry = { ...j, id: fakeUuid(), state: 'scheduled', startedAt: undefined, finishedAt: undefined, exitStatus: null, log: '' };
        j.retried = true;
        j.retriedInJobId = retry.id;
        b.jobs.push(retry);
        return json(200, renderJob(urls(), b, retry));
      }),
    )
    .add('PUT /v2/organizations/{org}/jobs/{job}/unblock', (req) =>
      withJob(req, 'write_builds', (b, j) => {
        if (j.type !== 'manual') return message(400, 'This job type cannot be unblocked');
        if (b.state === 'canceled') return message(422, 'Jobs from canceled builds cannot be unblocked');
        const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
        j.state = 'unblocked';
        j.unblockable = false;
        j.unblockedWith = body.fields ?? {};
        b.blocked = false;
        return json(200, renderJob(urls(), b, j));
      }),
    );
}

/** JSON by default; raw text for Accept: text/plain, with suffix ranges (bytes=-N) answered 206. */
function logReply(req: Req, urls: Urls, build: FakeBuild, jobId: string, log: string): Reply {
  const accept = String(req.headers.accept ?? '');
  const range = req.headers.range;
  if (range !== undefined) {
    if (!accept.includes('text/plain')) return message(400, 'Range requests need Accept: text/plain');
    const suffix = /^bytes=-(\d+)$/.exec(range);
    if (suffix === null || suffix[1] === '0') return message(400, 'Only suffix byte ranges are supported');
    const bytes = Buffer.from(log, 'utf8');
    if (bytes.length === 0) return { status: 416, text: '' };
    const n = Math.min(bytes.length, Number(suffix[1]));
    const start = bytes.length - n;
    return { status: 206, bytes: bytes.subarray(start), headers: { 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`, 'accept-ranges': 'bytes', 'content-type': 'text/plain; charset=utf-8' } };
  }
  if (accept.includes('text/plain')) {
    return text(200, log);
  }
  const url = `${urls.api}/v2/organizations/${build.org}/pipelines/${build.pipeline}/builds/${build.number}/jobs/${jobId}/log`;
  return json(200, { url, content: log, size: Buffer.byteLength(log), header_times: [] });
}
