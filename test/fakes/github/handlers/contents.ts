/** Workflow files and refs: GET one workflow, file contents at a ref (base64), branches and tags. */
import { json, message, notFound, paginate, repoSlug } from '../http';
import { renderWorkflow } from '../renderActions';
import type { Router } from '../http';

export function registerContents(router: Router): void {
  router.add('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}', (context) => {
    const workflow = context.state.workflow(repoSlug(context), context.params.workflow_id ?? '');
    return workflow ? json(200, renderWorkflow(context.urls, workflow)) : notFound();
  });

  router.add('GET /repos/{owner}/{repo}/contents/{path}', (context) => {
    const slug = repoSlug(context);
    const repo = context.state.repo(slug);
    if (!repo) {
      return notFound();
    }
    const ref = context.query.get('ref') ?? repo.defaultBranch;
    const path = context.params.path ?? '';
    const file = context.state.file(slug, ref, path);
    if (!file) {
      return message(404, 'Not Found');
    }
    const content = Buffer.from(file.content, 'utf8').toString('base64').replace(/(.{60})/g, '$1\n');
    const name = path.split('/').pop() ?? path;
    return json(200, {
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(file.content),
      name,
      path,
      content,
      sha: '0'.repeat(40),
      url: `${context.urls.api}/repos/${slug}/contents/${path}?ref=${ref}`,
      git_url: null,
      html_url: `${context.urls.web}/${slug}/blob/${ref}/${path}`,
      download_url: null,
      _links: { self: `${context.urls.api}/repos/${slug}/contents/${path}`, git: null, html: null },
    });
  });

  const refs = (kind: 'branches' | 'tags') => router.add(`GET /repos/{owner}/{repo}/${kind}`, (context) => {
    const slug = repoSlug(context);
    if (!context.state.repo(slug)) {
      return notFound();
    }
    const names = context.state.refs(slug)[kind];
    const page = paginate(context, names);
    const sha = 'a'.repeat(40);
    return json(200, page.items.map((name) => ({ name, commit: { sha, url: `${context.urls.api}/repos/${slug}/commits/${sha}` }, protected: false })), page.headers);
  });
  refs('branches');
  refs('tags');
}
