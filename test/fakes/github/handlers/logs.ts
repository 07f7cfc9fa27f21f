/**
 * Job logs: the API answers 302 to a short-lived signed URL (here on the same server)
 * that serves text/plain without authentication, like GitHub's log storage.
 */
import { message, notFound, numberParam, repoSlug } from '../http';
import type { Router } from '../http';

export const LOG_DOWNLOAD_PREFIX = '/_fake/logs';

export function registerLogs(router: Router): void {
  router.add('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', (context) => {
    const slug = repoSlug(context);
    const job = context.state.job(slug, numberParam(context, 'job_id'));
    if (!job || job.log === undefined) {
      return notFound();
    }
    if (job.log === null) {
      return message(410, 'Logs have expired');
    }
    const location = `${context.urls.api}${LOG_DOWNLOAD_PREFIX}/${slug}/${job.id}?sig=fake-signature`;
    return { status: 302, headers: { location } };
  });
  router.add(`GET ${LOG_DOWNLOAD_PREFIX}/{owner}/{repo}/{job_id}`, (context) => {
    const job = context.state.job(repoSlug(context), numberParam(context, 'job_id'));
    return typeof job?.log === 'string' ? { status: 200, text: job.log } : notFound();
  });
}
