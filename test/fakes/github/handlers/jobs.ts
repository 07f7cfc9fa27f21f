/** Jobs of a run (filter=latest|all) and a single job. */
import { json, notFound, numberParam, paginate, repoSlug } from '../http';
import { renderJob } from '../renderActions';
import type { Router } from '../http';

export function registerJobs(router: Router): void {
  router.add('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', (context) => {
    const slug = repoSlug(context);
    const run = context.state.run(slug, numberParam(context, 'run_id'));
    if (!run) {
      return notFound();
    }
    const latestOnly = (context.query.get('filter') ?? 'latest') === 'latest';
    const all = context.state.jobs(run.id).filter((job) => !latestOnly || job.runAttempt === run.runAttempt);
    const page = paginate(context, all);
    return json(200, { total_count: all.length, jobs: page.items.map((job) => renderJob(context.urls, context.state, slug, job)) }, page.headers);
  });
  router.add('GET /repos/{owner}/{repo}/actions/jobs/{job_id}', (context) => {
    const slug = repoSlug(context);
    const job = context.state.job(slug, numberParam(context, 'job_id'));
    return job ? json(200, renderJob(context.urls, context.state, slug, job)) : notFound();
  });
}
