/** JSON shapes shared by several endpoints: users and repositories (OpenAPI simple-user, minimal/full-repository). */
import type { FakeArtifact, FakeRepo } from './state';

/** Base URLs of the fake: `api` answers REST calls, `web` stands in for https://github.com. */
export interface Urls {
  readonly api: string;
  readonly web: string;
  /** The signed URL of an artifact zip on the blob storage (another origin) the zip endpoint redirects to. */
  readonly artifactBlob?: (artifact: FakeArtifact) => string;
}

export function renderUser(urls: Urls, login: string, id = 1): Record<string, unknown> {
  const api = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: Buffer.from(`User${id}`).toString('base64'),
    avatar_url: `${urls.web}/images/${login}.png`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

const REPO_URL_SUFFIXES: Readonly<Record<string, string>> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
};

export function renderMinimalRepo(urls: Urls, repo: FakeRepo): Record<string, unknown> {
  const [owner = '', name = ''] = repo.slug.split('/');
  const api = `${urls.api}/repos/${repo.slug}`;
  const links = Object.fromEntries(Object.entries(REPO_URL_SUFFIXES).map(([key, suffix]) => [key, `${api}${suffix}`]));
  return {
    id: repo.id,
    node_id: Buffer.from(`Repository${repo.id}`).toString('base64'),
    name,
    full_name: repo.slug,
    owner: renderUser(urls, owner),
    private: repo.private,
    html_url: `${urls.web}/${repo.slug}`,
    description: null,
    fork: false,
    url: api,
    ...links,
  };
}

export function renderFullRepo(urls: Urls, repo: FakeRepo): Record<string, unknown> {
  const web = `${urls.web}/${repo.slug}`;
  const timestamp = '2024-01-01T00:00:00Z';
  return {
    ...renderMinimalRepo(urls, repo),
    clone_url: `${web}.git`,
    git_url: `${web.replace(/^https?:/, 'git:')}.git`,
    ssh_url: `git@${new URL(urls.web).host}:${repo.slug}.git`,
    svn_url: web,
    mirror_url: null,
    homepage: null,
    language: 'TypeScript',
    default_branch: repo.defaultBranch,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 1,
    open_issues: 0,
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    license: null,
    pushed_at: timestamp,
    created_at: timestamp,
    updated_at: timestamp,
    network_count: 0,
    subscribers_count: 0,
  };
}
