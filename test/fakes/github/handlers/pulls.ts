/**
 * Pull requests and what decides whether one may be merged: the pulls list (head/state filters),
 * one pull request (mergeable_state), a branch's rules and protection (required status checks), and
 * a commit's combined status. Shapes: components pull-request-simple, pull-request,
 * branch-with-protection, combined-commit-status of @octokit/openapi; the rules answer as
 * https://docs.github.com/en/rest/repos/rules#get-rules-for-a-branch documents it.
 */
import { json, message, notFound, numberParam, paginate, repoSlug, type RequestContext, type Router } from '../http';
import { renderMinimalRepo, renderUser, type Urls } from '../renderCommon';
import type { FakePullRequest, FakeRepo } from '../state';

function branchRef(urls: Urls, repo: FakeRepo, ref: string, sha: string, owner: string): Record<string, unknown> {
  return { label: `${owner}:${ref}`, ref, sha, user: renderUser(urls, owner), repo: renderMinimalRepo(urls, repo) };
}

function renderPullSimple(urls: Urls, repo: FakeRepo, pull: FakePullRequest): Record<string, unknown> {
  const api = `${urls.api}/repos/${pull.repo}/pulls/${pull.number}`;
  const html = `${urls.web}/${pull.repo}/pull/${pull.number}`;
  const owner = pull.repo.split('/')[0] ?? '';
  return {
    url: api,
    id: 9000 + pull.number,
    node_id: Buffer.from(`PullRequest${pull.number}`).toString('base64'),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${urls.api}/repos/${pull.repo}/issues/${pull.number}`,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${urls.api}/repos/${pull.repo}/pulls/comments{/number}`,
    comments_url: `${urls.api}/repos/${pull.repo}/issues/${pull.number}/comments`,
    statuses_url: `${urls.api}/repos/${pull.repo}/statuses/${pull.headSha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: renderUser(urls, pull.author),
    body: null,
    labels: [],
    milestone: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    head: branchRef(urls, repo, pull.head, pull.headSha, owner),
    base: branchRef(urls, repo, pull.base, '0'.repeat(40), owner),
    _links: { self: { href: api }, html: { href: html }, issue: { href: '' }, comments: { href: '' }, review_comments: { href: '' }, review_comment: { href: '' }, commits: { href: '' }, statuses: { href: '' } },
    author_association: 'OWNER',
    auto_merge: null,
    draft: pull.draft,
  };
}

function pullsOf(context: RequestContext, repo: FakeRepo): FakePullRequest[] {
  const state = context.url.searchParams.get('state') ?? 'open';
  const head = context.url.searchParams.get('head');
  return context.state
    .pullRequests(repo.slug)
    .filter((pull) => state === 'all' || pull.state === state)
    .filter((pull) => head === null || `${repo.slug.split('/')[0] ?? ''}:${pull.head}` === head)
    .sort((a, b) => b.number - a.number);
}

export function registerPulls(router: Router): void {
  router.add('GET /repos/{owner}/{repo}/pulls', (context) => {
    const repo = context.state.repo(repoSlug(context));
    if (!repo) {
      return notFound();
    }
    const page = paginate(context, pullsOf(context, repo));
    return json(200, page.items.map((pull) => renderPullSimple(context.urls, repo, pull)), page.headers);
  });
  router.add('GET /repos/{owner}/{repo}/pulls/{pull_number}', (context) => {
    const repo = context.state.repo(repoSlug(context));
    const pull = repo && context.state.pullRequests(repo.slug).find((candidate) => candidate.number === numberParam(context, 'pull_number'));
    if (!repo || !pull) {
      return notFound();
    }
    return json(200, {
      ...renderPullSimple(context.urls, repo, pull),
      merged: false,
      mergeable: pull.mergeableState === 'dirty' ? false : pull.mergeableState === 'unknown' ? null : true,
      rebaseable: true,
      mergeable_state: pull.mergeableState,
      merged_by: null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: 1,
      deletions: 0,
      changed_files: 1,
    });
  });
  router.add('GET /repos/{owner}/{repo}/rules/branches/{branch}', (context) => {
    const slug = repoSlug(context);
    if (!context.state.repo(slug)) {
      return notFound();
    }
    const rules = context.state.branchRules(slug, context.params.branch ?? '');
    if (rules?.forbidden) {
      return message(403, 'Resource not accessible by personal access token');
    }
    const checks = rules?.rulesetChecks ?? [];
    const rule = { type: 'required_status_checks', ruleset_source_type: 'Repository', ruleset_source: slug, ruleset_id: 1, parameters: { strict_required_status_checks_policy: false, required_status_checks: checks.map((context) => ({ context })) } };
    return json(200, checks.length === 0 ? [] : [rule]);
  });
  router.add('GET /repos/{owner}/{repo}/branches/{branch}', (context) => {
    const slug = repoSlug(context);
    const repo = context.state.repo(slug);
    const name = context.params.branch ?? '';
    if (!repo || !context.state.refs(slug).branches.includes(name)) {
      return message(404, 'Branch not found');
    }
    const rules = context.state.branchRules(slug, name);
    if (rules?.forbidden) {
      return message(403, 'Resource not accessible by personal access token');
    }
    const contexts = rules?.protectionChecks ?? [];
    const api = `${context.urls.api}/repos/${slug}/branches/${name}`;
    return json(200, {
      name,
      commit: { sha: '0'.repeat(40), url: `${context.urls.api}/repos/${slug}/commits/${'0'.repeat(40)}` },
      _links: { html: `${context.urls.web}/${slug}/tree/${name}`, self: api },
      protected: contexts.length > 0,
      protection: contexts.length === 0
        ? { enabled: false }
        : { enabled: true, required_status_checks: { enforcement_level: 'non_admins', contexts, checks: contexts.map((check) => ({ context: check, app_id: null })) } },
      protection_url: `${api}/protection`,
    });
  });
  router.add('GET /repos/{owner}/{repo}/commits/{ref}/status', (context) => {
    const slug = repoSlug(context);
    const repo = context.state.repo(slug);
    if (!repo) {
      return notFound();
    }
    const sha = context.params.ref ?? '';
    const statuses = context.state.commitStatuses(slug, sha);
    const state = statuses.some((status) => status.state === 'failure' || status.state === 'error') ? 'failure' : statuses.some((status) => status.state === 'pending') || statuses.length === 0 ? 'pending' : 'success';
    return json(200, {
      state,
      sha,
      total_count: statuses.length,
      statuses: statuses.map((status, index) => ({
        url: `${context.urls.api}/repos/${slug}/statuses/${sha}`,
        avatar_url: null,
        id: index + 1,
        node_id: Buffer.from(`Status${index + 1}`).toString('base64'),
        state: status.state,
        description: status.description,
        target_url: status.targetUrl,
        context: status.context,
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-01-01T00:00:00Z',
      })),
      repository: renderMinimalRepo(context.urls, repo),
      commit_url: `${context.urls.api}/repos/${slug}/commits/${sha}`,
      url: `${context.urls.api}/repos/${slug}/commits/${sha}/status`,
    });
  });
}
