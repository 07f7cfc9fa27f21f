// GitLab beside GitHub, against the moving scenario's GitLab part (fake GitLab v4 on the
// scenario clock, scripts/e2e/integration.mjs): the workspace holds a nested checkout whose
// origin is the GitLab project, flowforge.gitlab.url points at the fake instance and the
// token comes from FLOWFORGE_GITLAB_TOKEN only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers';

const GITLAB_URL = process.env.E2E_GITLAB_URL;
const PROJECT = process.env.E2E_GITLAB_PROJECT ?? '';
const BRANCH = process.env.E2E_GITLAB_BRANCH ?? '';

interface Api {
  readonly tree: vscode.TreeDataProvider<unknown>;
  readonly sync: { repositories(): readonly { provider: string; host: string; slug: string }[] };
}

interface Row { readonly label: string; readonly description: string; readonly depth: number; readonly path: string }

/** Labels under `element`, depth first, `depth` levels down (collapsed ones included). */
async function rows(tree: vscode.TreeDataProvider<unknown>, element: unknown, depth: number, prefix = '', level = 0): Promise<Row[]> {
  const out: Row[] = [];
  for (const child of (await tree.getChildren(element)) ?? []) {
    const item = await tree.getTreeItem(child);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const row = { label, description: typeof item.description === 'string' ? item.description : '', depth: level, path: `${prefix}/${label}` };
    out.push(row);
    if (level + 1 < depth && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) out.push(...(await rows(tree, child, depth, row.path, level + 1)));
  }
  return out;
}

async function api(): Promise<Api> {
  return (await activateExtension()).exports as Api;
}

describe('GitLab beside GitHub', function () {
  before(function () {
    if (!GITLAB_URL) this.skip();
  });

  it('reads flowforge.gitlab.url and FLOWFORGE_GITLAB_TOKEN', () => {
    assert.equal(vscode.workspace.getConfiguration('flowforge').get('gitlab.url'), GITLAB_URL);
    assert.ok(process.env.FLOWFORGE_GITLAB_TOKEN, 'FLOWFORGE_GITLAB_TOKEN is not set in the extension host');
  });

  it('watches the GitLab project found from the nested checkout\'s origin, beside the GitHub repositories', async () => {
    const { sync } = await api();
    const repos = await waitFor(() => {
      const all = sync.repositories();
      return all.some((r) => r.provider === 'gitlab') && all.some((r) => r.provider === 'github') ? all : undefined;
    }, 'a GitLab and a GitHub repository in sync.repositories()', 45_000);
    const gitlab = repos.filter((r) => r.provider === 'gitlab');
    assert.deepEqual(gitlab.map((r) => `${r.host}|${r.slug}`), [`${GITLAB_URL}|${PROJECT}`]);
  });

  it('shows the GitLab project in the same tree as the GitHub repositories, read with the env token', async () => {
    const { tree } = await api();
    let seen: Row[] = [];
    const roots = await waitFor(async () => {
      seen = await rows(tree, undefined, 1);
      return seen.some((r) => r.label === PROJECT) && seen.some((r) => /\//.test(r.label) && r.label !== PROJECT) ? seen : undefined;
    }, `${PROJECT} and GitHub repositories as tree roots`, 45_000).catch((err: Error) => { throw new Error(`${err.message}; roots: ${JSON.stringify(seen)}`); });
    const project = roots.find((r) => r.label === PROJECT)!;
    assert.match(project.description, /GitLab/);
    assert.doesNotMatch(project.description, /stale/, 'the GitLab project is stale: its requests failed (token?)');
    // Pipelines came back from the fake: only with a valid token (it answers 401 otherwise).
    const root = ((await tree.getChildren(undefined)) ?? [])[roots.indexOf(project)];
    let under: Row[] = [];
    await waitFor(async () => {
      await vscode.commands.executeCommand('flowforge.refresh');
      under = await rows(tree, root, 2);
      return under.some((r) => r.label === `Current branch (${BRANCH})`) && under.some((r) => /^#\d+ /.test(r.label));
    }, 'the GitLab current-branch group with pipelines', 45_000).catch((err: Error) => { throw new Error(`${err.message}; under ${PROJECT}: ${JSON.stringify(under)}`); });
  });

  it('shows pipeline -> stages -> jobs, with manual, allowed-to-fail and trigger jobs and the child pipeline', async () => {
    const { tree } = await api();
    const roots = (await tree.getChildren(undefined)) ?? [];
    let root: unknown;
    for (const r of roots) if ((await tree.getTreeItem(r)).label === PROJECT) root = r;
    assert.ok(root, `${PROJECT} is not a tree root`);
    let all: Row[] = [];
    await waitFor(async () => {
      await vscode.commands.executeCommand('flowforge.refresh');
      all = (await rows(tree, root, 6)).filter((r) => r.path.includes('/Current branch ('));
      const has = (re: RegExp): boolean => all.some((r) => re.test(r.path));
      return has(/#51 [^/]*\/build\/compile$/) && has(/#51 [^/]*\/test\/lint$/) && has(/#51 [^/]*\/deploy\/deploy-review$/)
        && has(/#51 [^/]*\/test\/docs-pipeline\/render-pdf-samples$/);
    }, 'pipeline #51 with its stages, jobs and the child pipeline\'s jobs', 45_000).catch((err: Error) => { throw new Error(`${err.message}; rows: ${JSON.stringify(all.map((r) => `${r.path} [${r.description}]`))}`); });
    const row = (name: string): Row => all.find((r) => /#51 /.test(r.path) && r.label === name)!;
    assert.match(row('deploy-review').description, /manual/);
    // The user who started the pipeline, read from the single pipeline (the list does not have it).
    const pipeline = all.find((r) => /^#51 /.test(r.label));
    assert.match(pipeline?.description ?? '', /\bgl-demo\b/, `#51: ${JSON.stringify(pipeline)}`);
    assert.match(row('lint').description, /allowed to fail/);
    assert.ok(all.some((r) => /#50 [^/]*\/test\/unit-tests$/.test(r.path)) || all.some((r) => /^#50 /.test(r.label)), 'the older failed pipeline #50 is missing');
  });
});
