// Against the moving scenario (fake GitHub behind scripts/e2e/integration.mjs):
// the workspace settings point flowforge.github.apiUrl at it and list its repositories.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, labelsOf, lastSeq, requestsSince, scenario, scenarioUrl, waitFor } from './helpers';

interface ScenarioState {
  time: number;
  repositories: { fullName: string; workflows: string[]; runs: { number: number; branch: string; status: string; conclusion: string | null }[] }[];
}

const TOKEN = process.env.E2E_GOOD_TOKEN ?? '';

describe('against the scenario', function () {
  before(function () {
    if (!scenarioUrl) this.skip();
  });

  it('is configured by the settings', () => {
    const config = vscode.workspace.getConfiguration('flowforge');
    assert.equal(config.get('github.apiUrl'), scenarioUrl);
    assert.ok((config.get<string[]>('repositories') ?? []).length >= 1);
  });

  it('reads every scenario repository with the token from the environment', async () => {
    await activateExtension();
    const state = await scenario<ScenarioState>();
    for (const repo of state.repositories) {
      await waitFor(async () => (await requestsSince(0)).some((r) => r.path.startsWith(`/repos/${repo.fullName}/actions/runs`) && r.status === 200), `an authorized runs request for ${repo.fullName}`);
    }
    const requests = await requestsSince(0);
    assert.ok(requests.every((r) => r.auth === null || r.auth.endsWith(TOKEN)), 'a request carried another token');
  });

  it('shows the repositories, workflows and runs in the tree', async function () {
    const extension = await activateExtension();
    const api = extension.exports as { getTreeSnapshot?: () => Promise<unknown>; tree?: vscode.TreeDataProvider<unknown> };
    const snapshot = typeof api.getTreeSnapshot === 'function' ? () => api.getTreeSnapshot!() : api.tree && typeof api.tree.getChildren === 'function' ? () => treeLabels(api.tree!) : undefined;
    if (!snapshot) {
      console.log(`    (no tree API exported: ${Object.keys(api ?? {}).join(", ")})`);
      this.skip();
    }
    const state = await scenario<ScenarioState>();
    let seen: string[] = [];
    const labels = await waitFor(async () => {
      const all = labelsOf(await snapshot());
      seen = all;
      const demo = state.repositories.find((r) => r.fullName === process.env.E2E_DEMO_REPOSITORY) ?? state.repositories[0]!;
      const complete = state.repositories.every((r) => all.some((l) => l.includes(r.fullName))) && all.some((l) => /^Current branch/.test(l))
        && demo.workflows.every((w) => all.includes(w)) && demo.runs.filter((r) => r.branch === process.env.E2E_DEMO_BRANCH).every((r) => all.some((l) => l.startsWith(`#${r.number} `)));
      return complete ? all : undefined;
    }, 'every scenario repository, a "Current branch" group and runs "#<n> <title>" in the tree').catch((err: Error) => {
      throw new Error(`${err.message}; tree: ${JSON.stringify(seen)}`);
    });
    assert.ok(labels.some((l) => /^#\d+ /.test(l)), `no run rows "#<n> ..." in ${JSON.stringify(labels)}`);
  });

  it('asks the API again on FlowForge: Refresh', async () => {
    await activateExtension();
    const before = await lastSeq();
    await vscode.commands.executeCommand('flowforge.refresh');
    await waitFor(async () => (await requestsSince(before)).length > 0, 'requests after flowforge.refresh', 10_000);
  });

  it('follows the scenario when runs complete', async () => {
    await activateExtension();
    const demoBranch = process.env.E2E_DEMO_BRANCH ?? '';
    await scenario('/advance', { toEnd: true });
    const before = await lastSeq();
    await vscode.commands.executeCommand('flowforge.refresh');
    // After the scenario moved, the extension reads the completed run's jobs (or runs) again.
    await waitFor(async () => (await requestsSince(before)).some((r) => r.path.includes('/actions/runs')), 'runs requests after the scenario moved', 20_000);
    const state = await scenario<ScenarioState>();
    assert.ok(state.repositories.flatMap((r) => r.runs).filter((r) => r.branch === demoBranch).every((r) => r.status === 'completed'));
  });
});

/** Labels of a TreeDataProvider's first three levels, through the public TreeDataProvider API. */
async function treeLabels(tree: vscode.TreeDataProvider<unknown>): Promise<string[]> {
  const out: string[] = [];
  const visit = async (element: unknown, depth: number): Promise<void> => {
    const children = (await tree.getChildren(element)) ?? [];
    for (const child of children) {
      const item = await tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : item.label?.label;
      if (label) out.push(label);
      if (depth < 3 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await visit(child, depth + 1);
    }
  };
  await visit(undefined, 0);
  return out;
}
