/** GET /user and GET /repos/{owner}/{repo}. */
import { json, message, notFound, repoSlug } from '../http';
import { renderFullRepo, renderUser } from '../renderCommon';
import type { Router } from '../http';

export function registerRepos(router: Router): void {
  router.add('GET /user', (context) => {
    const user = context.user;
    if (!user) {
      return message(401, 'Requires authentication');
    }
    const headers: Record<string, string> = user.scopes === undefined ? {} : { 'x-oauth-scopes': user.scopes.join(', '), 'x-accepted-oauth-scopes': '' };
    return json(200, { ...renderUser(context.urls, user.login, user.id), name: user.login }, headers);
  });
  router.add('GET /repos/{owner}/{repo}', (context) => {
    const repo = context.state.repo(repoSlug(context));
    return repo ? json(200, renderFullRepo(context.urls, repo)) : notFound();
  });
}
