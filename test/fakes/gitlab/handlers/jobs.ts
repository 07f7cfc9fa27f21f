/** Single jobs: get, trace (with Range), the artifacts archive, one artifact file, retry, cancel, play. */
import { archiveOf, jobJson } from '../shapes';
import type { FakeJob } from '../state';
import { json, notFound, type Ctx, type Reply, type Route } from '../types';

function jobOf(ctx: Ctx): FakeJob | undefined {
  const project = ctx.state.findProject(ctx.params[0] ?? '');
  const job = ctx.state.jobs.get(Number(ctx.params[1]));
  const pipeline = job ? ctx.state.pipelines.get(job.pipeline_id) : undefined;
  return project && job && pipeline?.project_id === project.id ? job : undefined;
}

function withJob(ctx: Ctx, handle: (job: FakeJob) => Reply): Reply {
  const job = jobOf(ctx);
  return job ? handle(job) : notFound('404 Job Not Found');
}

/** Serves `bytes=<start>-` ranges: 206 with the tail, 416 past the end. */
function trace(ctx: Ctx, job: FakeJob): Reply {
  const full = Buffer.from(ctx.state.traces.get(job.id) ?? '', 'utf8');
  const headers = { 'content-type': 'text/plain; charset=utf-8' };
  const range = /^bytes=(\d+)-$/.exec(String(ctx.headers.range ?? ''));
  if (!range) {
    return { status: 200, bytes: full, headers };
  }
  const start = Number(range[1]);
  if (start >= full.length) {
    return { status: 416, text: '', headers: { ...headers, 'content-range': `bytes */${full.length}` } };
  }
  return {
    status: 206,
    bytes: full.subarray(start),
    headers: { ...headers, 'content-range': `bytes ${start}-${full.length - 1}/${full.length}` },
  };
}

function action(name: 'retry' | 'cancel' | 'play', status: number): Route {
  return {
    name: `POST /projects/:id/jobs/:job_id/${name}`,
    access: 'write',
    handle: (ctx) =>
      withJob(ctx, (job) => {
        if (name === 'play' && job.status !== 'manual') {
          return json(400, { message: 'Unplayable Job' });
        }
        const result = name === 'retry' ? ctx.state.retryJob(job.id) : name === 'cancel' ? ctx.state.cancelJob(job.id) : ctx.state.playJob(job.id);
        return json(status, jobJson(ctx.web, ctx.state, result));
      }),
  };
}

export const jobRoutes: readonly Route[] = [
  {
    name: 'GET /projects/:id/jobs/:job_id',
    access: 'read',
    handle: (ctx) => withJob(ctx, (job) => json(200, jobJson(ctx.web, ctx.state, job))),
  },
  {
    name: 'GET /projects/:id/jobs/:job_id/trace',
    access: 'read',
    handle: (ctx) => withJob(ctx, (job) => trace(ctx, job)),
  },
  {
    // The archive; 404 once it expired (GitLab deletes expired artifacts).
    name: 'GET /projects/:id/jobs/:job_id/artifacts',
    access: 'read',
    handle: (ctx) =>
      withJob(ctx, (job) => {
        const archive = archiveOf(job);
        const expireAt = job.archive?.expire_at;
        if (!archive || (typeof expireAt === 'string' && Date.parse(expireAt) <= Date.now())) {
          return notFound('404 Not Found');
        }
        return { status: 200, bytes: archive, headers: { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="artifacts.zip"' } };
      }),
  },
  {
    name: 'GET /projects/:id/jobs/:job_id/artifacts/*artifact_path',
    access: 'read',
    handle: (ctx) =>
      withJob(ctx, (job) => {
        const text = job.files?.[ctx.params[2] ?? ''];
        return text === undefined ? notFound('404 Not Found') : { status: 200, text, headers: { 'content-type': 'application/octet-stream' } };
      }),
  },
  action('retry', 201),
  action('cancel', 201),
  action('play', 200),
];
