/** GET /repos/{owner}/{repo}/actions/workflows. */
import { json, notFound, paginate, repoSlug } from '../http';
import { renderWorkflow } from '../renderActions';
import type { Router } from '../http';

export function registerWorkflows(router: Router): void {
  router.add('GET /repos/{owner}/{repo}/actions/workflows', (context) => {
    const slug = repoSlug(context);
    if (!context.state.repo(slug)) {
      return notFound();
    }
    const all = context.state.workflows(slug);
    const page = paginate(context, all);
    return json(200, { total_count: all.length, workflows: page.items.map((workflow) => renderWorkflow(context.urls, workflow)) }, page.headers);
  });
}
