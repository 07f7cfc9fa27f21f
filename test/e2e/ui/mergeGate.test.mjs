// The merge gate of the current branch in a real VS Code (code-server + headless chromium), installed
// from the VSIX: the GitHub demo checkout's branch has pull request #42 whose rules require two commit
// statuses (one failing, one pending), and the GitLab checkout's branch has merge request !17 (its
// pipeline, two approvals required, one given). The tree shows a node per request under its
// repository and the status bar tooltip says whether each is ready to merge; turning the statuses
// green on the fake turns the node green. Screenshots: artifacts/e2e/ui-merge-gate-<title>.png.

import assert from 'node:assert/strict';
import { waitFor } from '../../../scripts/e2e/lib.mjs';
import { shotName, startGitLabUi } from './harness.mjs';

/** Codicon classes of the first tree row matching `text`. */
async function rowIcons(ui, text) {
  const row = await ui.waitRow(text, 60_000);
  return (await row.locator('.codicon').evaluateAll((els) => els.flatMap((el) => [...el.classList].filter((c) => c.startsWith('codicon-'))))).join(' ');
}

/** Waits for a tree row matching `text` whose codicons match `icon`; returns its aria-label. */
async function waitGateRow(ui, text, icon) {
  let last = '';
  await waitFor(async () => {
    const row = ui.row(text).first();
    if (!(await row.count())) return false;
    last = `${await row.getAttribute('aria-label')} [${await rowIcons(ui, text)}]`;
    return icon.test(last);
  }, { timeout: 60_000, interval: 1_000, message: `tree row ${text} with icon ${icon}` }).catch((err) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; last: ${JSON.stringify(last)}`);
  });
  return last;
}

/** The status bar tooltip's text with the non-breaking spaces of MarkdownString.appendText as plain ones. */
async function tooltipText(ui, pattern, what) {
  return (await ui.statusTooltip(pattern, what)).replace(/\u00a0/g, ' ');
}

describe('FlowForge UI merge gate', function () {
  this.timeout(150_000);
  /** @type {import('./harness.mjs').Ui & { gitlab: any }} */
  let ui;

  before(async function () {
    this.timeout(180_000);
    ui = await startGitLabUi({ prefix: 'flowforge-ui-gate-', logName: 'ui-merge-gate-code-server.log' });
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (ui) await ui.screenshot(`merge gate ${shotName(this.currentTest)}`).catch(() => {});
  });

  it('shows the pull request of the current branch: one required check failing, one pending', async () => {
    await ui.openFlowForge();
    const label = await waitGateRow(ui, 'Pull request #42', /codicon-error/);
    assert.match(label, /Pull request #42: 0 of 2 required checks passing, 1 pending, 1 failing/);
    assert.match(label, /not ready to merge/);
  });

  it('shows the merge request of the GitLab branch: pipeline passed, one approval left', async () => {
    ui.advanceToEnd();
    await ui.command('FlowForge: Refresh');
    const label = await waitGateRow(ui, /Merge request !17: 1 of 1 required checks passing/, /codicon-error/);
    assert.match(label, /1 of 2 approvals \(1 left\)/);
    assert.match(label, /not ready to merge/);
  });

  it('says in the status bar tooltip whether each request is ready to merge', async () => {
    const text = await tooltipText(ui, /^(?=[\s\S]*Pull\srequest\s#42)(?=[\s\S]*Merge\srequest\s!17)/, 'a tooltip with both requests');
    assert.match(text, /Pull request #42: 0 of 2 required checks passing, 1 pending, 1 failing · not ready to merge/);
    assert.match(text, /ci\/security-scan · required/);
    assert.match(text, /ci\/integration · required/);
    assert.match(text, /Merge request !17: 1 of 1 required checks passing, 1 of 2 approvals \(1 left\) · not ready to merge/);
    assert.match(text, /Pipeline #51 · required/);
    await ui.page.mouse.move(700, 400);
  });

  it('turns green when the required checks pass on the fake', async () => {
    for (const context of ['ci/security-scan', 'ci/integration']) {
      const response = await fetch(`${ui.scenario.url}/__scenario/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ context, state: 'success' }) });
      assert.equal(response.status, 200, await response.text());
    }
    await ui.command('FlowForge: Refresh');
    const label = await waitGateRow(ui, /Pull request #42: 2 of 2 required checks passing/, /codicon-pass-filled/);
    assert.match(label, /ready to merge/);
    assert.doesNotMatch(label, /not ready/);
    const text = await tooltipText(ui, /Pull\srequest\s#42:\s2\sof\s2\srequired\schecks\spassing\s·\sready\sto\smerge/, 'the tooltip after the checks passed');
    assert.match(text, /Merge request !17/);
    await ui.page.mouse.move(700, 400);
  });
});
