// Temp workspace for the e2e tests and the demo: a git repository whose origin is
// the scenario's demo repository on a branch that has runs, plus workspace settings;
// optionally a second repository (a subfolder, found by VS Code's git) whose origin is
// the GitLab scenario's project on the fake GitLab instance.

import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onCleanup } from './lib.mjs';
import { childEnv } from './childEnv.mjs';

/**
 * `webUrl` is the web origin whose remotes FlowForge matches to flowforge.github.apiUrl: for a
 * fake API at http://127.0.0.1:PORT that is the same origin (FlowForge treats any API URL other
 * than api.github.com like GitHub Enterprise, whose remotes use the API's host), so origin is
 * <webUrl>/<owner>/<repo>.git; the github.com URL is kept as a second remote, `upstream`.
 * `gitlab` ({ remoteUrl, project, branch }): also a GitLab checkout in <dir>/<project name>.
 * `checkouts` (addCheckout's options, e.g. bitbucketCheckout / azureCheckout): more nested checkouts;
 * their folders are `checkoutDirs`, by folder name.
 * @param {{ repository: string, branch: string, webUrl?: string, settings?: Record<string, unknown>, prefix?: string, gitlab?: { remoteUrl: string, project: string, branch: string }, checkouts?: Checkout[] }} options
 * @returns {{ dir: string, gitlabDir?: string, checkoutDirs: Record<string, string>, remove(): void }}
 */
export function createWorkspace({ repository, branch, webUrl = 'https://github.com', settings, prefix = 'flowforge-ws-', gitlab, checkouts = [] }) {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  const dir = path.join(root, repository.split('/')[1] ?? 'workspace');
  mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
  mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  writeFileSync(path.join(dir, 'README.md'), `# ${repository}\n\nDemo workspace for FlowForge (origin points at the fake GitHub scenario).\n`);
  writeFileSync(path.join(dir, '.github', 'workflows', 'ci.yml'), 'name: CI\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm run build\n');
  writeFileSync(path.join(dir, '.github', 'workflows', 'deploy.yml'), 'name: Deploy\non:\n  workflow_dispatch:\n    inputs:\n      environment:\n        type: choice\n        options: [staging, production]\n        default: staging\n      version:\n        type: string\n      dry_run:\n        type: boolean\n        default: false\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n');
  if (settings) writeFileSync(path.join(dir, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  const git = gitIn(dir);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Initial commit');
  git('checkout', '-q', '-b', branch);
  git('remote', 'add', 'origin', `${webUrl}/${repository}.git`);
  if (webUrl !== 'https://github.com') git('remote', 'add', 'upstream', `https://github.com/${repository}.git`);
  const gitlabDir = gitlab ? createGitLabCheckout(dir, gitlab) : undefined;
  const checkoutDirs = Object.fromEntries(checkouts.map((checkout) => [checkout.folder, addCheckout(dir, checkout)]));
  let removed = false;
  const remove = () => {
    if (!removed) { removed = true; unregister(); rmSync(root, { recursive: true, force: true }); }
  };
  const unregister = onCleanup(remove);
  return { dir, ...(gitlabDir ? { gitlabDir } : {}), checkoutDirs, remove };
}

function gitIn(cwd) {
  return (...args) => execFileSync('git', args, { cwd, stdio: 'pipe', env: childEnv({ GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Octo Demo', GIT_AUTHOR_EMAIL: 'octo@example.com', GIT_COMMITTER_NAME: 'Octo Demo', GIT_COMMITTER_EMAIL: 'octo@example.com' }) });
}

/** A GitLab checkout nested in the workspace folder, named after the project. */
function createGitLabCheckout(dir, { remoteUrl, project, branch }) {
  return addCheckout(dir, { folder: project.split('/').pop(), remoteUrl, branch, files: { 'README.md': `# ${project}\n\nDemo checkout for FlowForge (origin points at the fake GitLab scenario).\n`, '.gitlab-ci.yml': 'stages: [build, test, deploy]\n\ncompile:\n  stage: build\n  script: [npm ci, npm run build]\n' } });
}

/**
 * @typedef {{ folder: string, remoteUrl: string, upstream?: string, branch: string, files?: Record<string, string> }} Checkout
 */

/**
 * A checkout nested in the workspace folder (VS Code's git scans one level down), kept out of the
 * outer repository: `files` committed on main, then `branch` checked out; origin = `remoteUrl`, and
 * `upstream` as a second remote when given. Returns its folder.
 * @param {string} dir
 * @param {Checkout} checkout
 */
export function addCheckout(dir, { folder, remoteUrl, upstream, branch, files = {} }) {
  const sub = path.join(dir, folder);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(sub, file)), { recursive: true });
    writeFileSync(path.join(sub, file), content);
  }
  mkdirSync(sub, { recursive: true });
  appendFileSync(path.join(dir, '.git', 'info', 'exclude'), `/${folder}/\n`);
  const git = gitIn(sub);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'Initial commit');
  git('checkout', '-q', '-b', branch);
  git('remote', 'add', 'origin', remoteUrl);
  if (upstream) git('remote', 'add', 'upstream', upstream);
  return sub;
}

/**
 * Settings and environment for the GitLab part of the scenario (`scenario.gitlab` from
 * withGitLab): flowforge.gitlab.url is machine-scoped, so it goes into the user (and machine)
 * settings like flowforge.github.apiUrl; the token comes from FLOWFORGE_GITLAB_TOKEN.
 */
export function gitlabSettings(gitlab) {
  return { 'flowforge.gitlab.url': gitlab.url };
}

export function gitlabEnv(gitlab) {
  return { FLOWFORGE_GITLAB_TOKEN: gitlab.token };
}

/**
 * Settings and environment for the Buildkite part of the scenario (`scenario.buildkite` from
 * withBuildkite): flowforge.buildkite.apiUrl and .organizations are machine-scoped (user settings);
 * a remote names no Buildkite pipeline, so the pipelines are `buildkite:org/pipeline` entries of
 * flowforge.repositories, added to `repositories` (the other providers' entries); the token comes
 * from FLOWFORGE_BUILDKITE_TOKEN.
 */
export function buildkiteSettings(buildkite, repositories = []) {
  return {
    'flowforge.buildkite.apiUrl': buildkite.url,
    'flowforge.buildkite.organizations': [buildkite.definition.organization.slug],
    'flowforge.repositories': [...repositories, ...buildkite.entries],
  };
}

export function buildkiteEnv(buildkite) {
  return { FLOWFORGE_BUILDKITE_TOKEN: buildkite.token };
}

/**
 * Settings and environment for the Jenkins part of the scenario (`scenario.jenkins` from withJenkins):
 * flowforge.jenkins.servers is machine-scoped (user settings); the jobs are found from the workspace's
 * upstream remote (the multibranch project builds it); user and API token come from
 * FLOWFORGE_JENKINS_USER / FLOWFORGE_JENKINS_TOKEN.
 */
export function jenkinsSettings(jenkins) {
  return { 'flowforge.jenkins.servers': [jenkins.url] };
}

export function jenkinsEnv(jenkins) {
  return { FLOWFORGE_JENKINS_USER: jenkins.user, FLOWFORGE_JENKINS_TOKEN: jenkins.token };
}

/** createWorkspace's `gitlab` option for the GitLab scenario. */
export function gitlabCheckout(gitlab) {
  return { remoteUrl: gitlab.remoteUrl, project: gitlab.definition.project.path, branch: gitlab.definition.demo.branch };
}

/**
 * FlowForge settings pointing at a scenario server. The demo repository is left out of
 * flowforge.repositories: FlowForge finds it from the workspace's git origin (which is what
 * gives it the "Current branch" group); the other scenario repositories are listed.
 */
export function flowforgeSettings(apiUrl, definition, extra = {}) {
  return {
    'flowforge.github.apiUrl': apiUrl,
    'flowforge.repositories': definition.repositories.map((r) => `${r.owner}/${r.name}`).filter((name) => name !== definition.demo.repository).map((name) => `github:${name}`),
    'flowforge.polling.activeInterval': 2,
    'flowforge.polling.idleInterval': 2,
    'flowforge.polling.maxInterval': 5,
    'flowforge.polling.backgroundInterval': 5,
    ...extra,
  };
}

/**
 * The Bitbucket part of the scenario (`scenario.bitbucket` from withBitbucket): a nested checkout
 * whose origin is the repository on the fake Bitbucket (flowforge.bitbucket.apiUrl points there, and
 * a test server's remotes live on its host), with its bitbucket.org address as `upstream`; the
 * account's e-mail and API token come from FLOWFORGE_BITBUCKET_USER / FLOWFORGE_BITBUCKET_TOKEN;
 * flowforge.bitbucket.apiUrl is machine-scoped (a user setting).
 */
export function bitbucketCheckout(bitbucket) {
  const { definition } = bitbucket;
  return {
    folder: `${definition.repository.slug}-bitbucket`,
    remoteUrl: bitbucket.remoteUrl,
    upstream: `git@bitbucket.org:${bitbucket.slug}.git`,
    branch: definition.demo.branch,
    files: { 'README.md': `# ${bitbucket.slug}\n\nDemo checkout for FlowForge (origin points at the fake Bitbucket scenario).\n`, 'bitbucket-pipelines.yml': definition.pipelinesYml },
  };
}

/** The default budget (15 requests a minute, for Bitbucket's 1,000 an hour) would make the fast polling of the tests and the demo queue up. */
export function bitbucketSettings(bitbucket) {
  return { 'flowforge.bitbucket.apiUrl': bitbucket.apiUrl, 'flowforge.bitbucket.requestsPerMinute': 600 };
}

export function bitbucketEnv(bitbucket) {
  return { FLOWFORGE_BITBUCKET_USER: bitbucket.definition.account.email, FLOWFORGE_BITBUCKET_TOKEN: bitbucket.definition.account.token };
}

/**
 * The Azure Pipelines part of the scenario (`scenario.azure` from withAzure): a nested checkout whose
 * origin is {server}/{org}/{project}/_git/{repo} on the fake Azure DevOps, which
 * flowforge.azure.organizations names (an organization URL on that server, machine-scoped: a user
 * setting); the token comes from FLOWFORGE_AZURE_TOKEN. The files the timeline issues point at are
 * in the checkout, so they reach the Problems panel.
 */
export function azureCheckout(azure) {
  const { definition } = azure;
  return {
    folder: `${definition.repository.name}-azure`,
    remoteUrl: azure.remoteUrl,
    branch: definition.demo.branch,
    files: { 'README.md': `# ${azure.slug}\n\nDemo checkout for FlowForge (origin points at the fake Azure DevOps scenario).\n`, ...definition.files, ...(definition.demo.files ?? {}) },
  };
}

export function azureSettings(azure) {
  return { 'flowforge.azure.organizations': [azure.organizationUrl] };
}

export function azureEnv(azure) {
  return { FLOWFORGE_AZURE_TOKEN: azure.token };
}
