/** Check runs of a commit and annotations of a check run. */
import { json, notFound, numberParam, paginate, repoSlug } from '../http';
import { renderAnnotation, renderCheckRun } from '../renderActions';
import type { Router } from '../http';

export function registerChecks(router: Router): void {
  router.add('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', (context) => {
    const slug = repoSlug(context);
    if (!context.state.repo(slug)) {
      return notFound();
    }
    const all = context.state.checkRuns(slug, context.params.ref ?? '');
    const page = paginate(context, all);
    return json(200, { total_count: all.length, check_runs: page.items.map((check) => renderCheckRun(context.urls, check)) }, page.headers);
  });
  router.add('GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations', (context) => {
    const check = context.state.checkRun(repoSlug(context), numberParam(context, 'check_run_id'));
    if (!check) {
      return notFound();
    }
    const page = paginate(context, check.annotations);
    return json(200, page.items.map((annotation) => renderAnnotation(context.urls, check, annotation)), page.headers);
  });
}
