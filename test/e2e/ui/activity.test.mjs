// The Activity view in a real VS Code (code-server + chromium): the runs of the GitHub repositories
// and the GitLab project in one list, newest first; "FlowForge: Filter Activity…" narrowed to my
// failed runs (octo-demo on GitHub, gl-demo on GitLab, each account's own signed-in user), the
// filter remembered, then cleared. Scenario paused at 0. Screenshots: artifacts/e2e/ui-activity-*.png.

import assert from 'node:assert/strict';
import { waitFor } from '../../../scripts/e2e/lib.mjs';
import { shotName, startGitLabUi } from './harness.mjs';

describe('FlowForge UI: Activity view', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui & { gitlab: any }} */
  let ui;

  const pane = () => ui.page.locator('.part.sidebar .pane', { has: ui.page.locator('.pane-header', { hasText: /^\s*Activity/i }) });
  const rows = () => pane().locator('.monaco-list-row');
  /** Each row's accessible label ("#11 CI: …, failure, octo/webshop · feature/x · push · octo-demo · …"). */
  const labels = async () => (await rows().evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))).map((text) => text.replace(/\s+/g, ' ').trim());
  const texts = async () => (await rows().allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  const runLabels = async () => (await labels()).filter((label) => /^#\d+ /.test(label));

  before(async function () {
    this.timeout(180_000);
    ui = await startGitLabUi({ prefix: 'flowforge-ui-activity-', logName: 'ui-activity-code-server.log' });
    await ui.openFlowForge();
    await ui.waitRow(ui.gitlab.definition.project.path, 60_000);
    // The Activity view starts collapsed below Pipelines: open it from its header, and fold
    // Pipelines so every run of the feed fits on screen (the list renders only visible rows).
    const header = pane().locator('.pane-header');
    await header.waitFor({ timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const pipelines = ui.page.locator('.part.sidebar .pane-header', { hasText: /^\s*Pipelines/i }).first();
    if ((await pipelines.getAttribute('aria-expanded')) === 'true') await pipelines.click();
    await waitFor(async () => (await runLabels()).length >= 6, { timeout: 60_000, message: 'runs in the Activity view' });
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (!ui) return;
    await ui.screenshot(`activity ${shotName(this.currentTest)}`).catch(() => {});
    await ui.closeQuickInput();
  });

  it('lists the runs of every repository and provider in one list, newest first', async () => {
    const all = await runLabels();
    assert.ok(all.some((label) => /octo-demo/.test(label)), `no GitHub run: ${JSON.stringify(all)}`);
    assert.ok(all.some((label) => /gl-demo/.test(label)), `no GitLab pipeline: ${JSON.stringify(all)}`);
    assert.ok(all.some((label) => /dependabot/.test(label)), `no run of another actor: ${JSON.stringify(all)}`);
    // The GitLab pipeline #50 (40 minutes ago) sits between GitHub's #11 (30 minutes) and #10 (90 minutes).
    const index = (pattern) => all.findIndex((label) => pattern.test(label));
    const [ci11, gl50, ci10] = [index(/^#11 CI: Add express checkout button/), index(/^#50 .*Invoice PDF: first draft/), index(/^#10 CI: Bump lodash/)];
    assert.ok(ci11 >= 0 && gl50 >= 0 && ci10 >= 0, JSON.stringify(all));
    assert.ok(ci11 < gl50 && gl50 < ci10, `not newest first: #11 at ${ci11}, GitLab #50 at ${gl50}, #10 at ${ci10}`);
  });

  it('Filter Activity… to my failed runs shows exactly those, across providers, and says so', async () => {
    await ui.command('FlowForge: Filter Activity…');
    const list = ui.page.locator('.quick-input-list .monaco-list-row');
    await list.first().waitFor();
    for (const choice of ['My runs', 'failed']) {
      await ui.page.locator('.quick-input-list .monaco-list-row', { has: ui.page.locator('.label-name', { hasText: new RegExp(`^\\s*${choice}\\s*$`) }) }).first().click();
    }
    await ui.screenshot('activity filter pick');
    await ui.page.keyboard.press('Enter');
    await waitFor(async () => (await texts()).some((text) => /^Filter: my runs · failed/.test(text)), { timeout: 20_000, message: 'the filter row' });
    const mine = await runLabels();
    assert.ok(mine.length >= 2, JSON.stringify(mine));
    for (const label of mine) {
      assert.match(label, /, failure,/, `a run that did not fail: ${label}`);
      assert.match(label, /octo-demo|gl-demo/, `someone else's run: ${label}`);
    }
    assert.ok(mine.some((label) => /^#11 CI: Add express checkout button/.test(label)), JSON.stringify(mine));
    assert.ok(mine.some((label) => /^#50 .*Invoice PDF: first draft/.test(label)), JSON.stringify(mine));
  });

  it('Clear Activity Filter shows every run again', async () => {
    await ui.command('FlowForge: Clear Activity Filter');
    await waitFor(async () => !(await texts()).some((text) => /^Filter:/.test(text)), { timeout: 20_000, message: 'the filter row to go' });
    const all = await runLabels();
    assert.ok(all.some((label) => /dependabot/.test(label)), JSON.stringify(all));
    assert.ok(all.some((label) => /, success,/.test(label)), JSON.stringify(all));
  });
});
