// The Pipelines tree's context menus and inline icons in a real VS Code (code-server + chromium),
// GitHub + GitLab scenario paused at 0: CI #12 (webshop, current branch) is queued, CI #11 failed.
// FlowForge's GitLab token here has only the read_api scope (the fake GitLab's
// /personal_access_tokens/self says so): the GitLab rows must not offer actions, the GitHub rows must.
// Screenshots: artifacts/e2e/ui-tree-menus-*.png.

import assert from 'node:assert/strict';
import { waitFor } from '../../../scripts/e2e/lib.mjs';
import { shotName, startGitLabUi } from './harness.mjs';

const READ_ONLY_TOKEN = 'glpat-flowforgeReadOnly00000';
const WRITE_ACTIONS = ['Run Workflow…', 'Re-run', 'Re-run Failed Jobs', 'Re-run Job', 'Cancel Run', 'Review Deployments…'];

describe('FlowForge UI: tree menus', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui & { gitlab: any }} */
  let ui;
  let branch;
  let webshop;
  let project;

  before(async function () {
    this.timeout(180_000);
    ui = await startGitLabUi({
      tokens: [{ token: READ_ONLY_TOKEN, scopes: ['read_api'] }],
      gitlabToken: READ_ONLY_TOKEN,
      prefix: 'flowforge-ui-menus-',
      logName: 'ui-tree-menus-code-server.log',
    });
    branch = ui.definition.demo.branch;
    webshop = ui.definition.demo.repository;
    project = ui.gitlab.definition.project.path;
    await ui.openFlowForge();
    await ui.waitRow(`Current branch (${branch})`, 60_000);
    await ui.waitRow(project, 60_000);
    // Only the demo repository and the GitLab project stay unfolded.
    for (const repo of ui.definition.repositories) if (`${repo.owner}/${repo.name}` !== webshop) await ui.setExpanded(`${repo.owner}/${repo.name}`, false);
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (!ui) return;
    await ui.screenshot(`tree menus ${shotName(this.currentTest)}`).catch(() => {});
    for (let i = 0; i < 2; i++) await ui.page.keyboard.press('Escape');
  });

  it('the repository row offers Refresh inline and Run Workflow… / Open in Browser in its context menu', async () => {
    const row = await ui.waitRow(new RegExp(`^${webshop}`));
    assert.ok((await ui.inlineActions(row)).includes('Refresh'), `inline icons: ${JSON.stringify(await ui.inlineActions(row))}`);
    const items = await ui.contextMenuItems(row);
    await ui.screenshot('tree menus repository context menu');
    assert.ok(items.includes('Run Workflow…'), `context menu: ${JSON.stringify(items)}`);
    assert.ok(items.includes('Open in Browser'), `context menu: ${JSON.stringify(items)}`);
    for (const action of ['Re-run', 'Cancel Run', 'Re-run Failed Jobs']) assert.ok(!items.includes(action), `a repository offers ${action}: ${JSON.stringify(items)}`);
  });

  it('Re-run Failed Jobs from the context menu of the failed GitHub run CI #11 queues a new attempt', async () => {
    const run = /^#11 (CI: )?Add express checkout button/;
    await ui.waitRowLabel(run, /, failure,/, 60_000);
    await ui.contextMenu(run, 'Re-run Failed Jobs');
    const rerun = await ui.waitMutation('rerun-failed-jobs');
    assert.equal(rerun.targetId, 50011);
    await ui.waitRowLabel(run, /, queued,/);
  });

  it('Cancel Run from the context menu of the queued GitHub run CI #12 asks first, then cancels it', async () => {
    const run = /^#12 (CI: )?/;
    await ui.waitRowLabel(run, /, queued,/, 60_000);
    const items = await ui.contextMenuItems(run);
    assert.ok(!items.includes('Re-run'), `an active run offers Re-run: ${JSON.stringify(items)}`);
    await ui.closeContextMenu();
    await ui.contextMenu(run, 'Cancel Run');
    await ui.page.locator('.monaco-dialog-box', { hasText: 'Cancel CI #12' }).waitFor();
    await ui.dialogButton('Cancel Run');
    const cancel = await ui.waitMutation('cancel');
    assert.equal(cancel.targetId, 50012);
    await ui.waitRowLabel(run, /, cancelled,/);
  });

  it('the inline Open Run icon of a run row opens its run panel', async () => {
    const row = await ui.waitRow(/^#11 (CI: )?Add express checkout button/);
    await ui.inlineAction(row, 'Open Run');
    await ui.page.locator('.tab', { hasText: 'CI #11' }).first().waitFor({ timeout: 20_000 });
    const header = ui.webview().locator('body', { hasText: /CI #11/ });
    await header.first().waitFor({ timeout: 30_000 });
    assert.match(await ui.webview().locator('body').innerText(), /Add express checkout button/);
  });

  it('with a read_api GitLab token the GitLab rows offer no actions, only reading', async () => {
    await ui.setExpanded(new RegExp(`^${webshop}`), false);
    const run = /^#50 /;
    await ui.waitRowLabel(run, /, failure,/, 60_000);
    const runItems = await waitFor(async () => {
      const items = await ui.contextMenuItems(run);
      await ui.closeContextMenu();
      // Until the token check answered, actions are offered: wait for the read-only menus.
      return items.some((i) => WRITE_ACTIONS.includes(i)) ? undefined : items;
    }, { timeout: 30_000, message: 'the context menu of GitLab #50 without write actions' });
    assert.ok(runItems.includes('Open Run'), `context menu: ${JSON.stringify(runItems)}`);
    await ui.setExpanded(run, true);
    const job = await ui.waitRow(/^unit-tests/);
    const jobItems = await ui.contextMenuItems(job);
    await ui.screenshot('tree menus read-only job context menu');
    await ui.closeContextMenu();
    assert.ok(jobItems.includes('Open Run'), `job context menu: ${JSON.stringify(jobItems)}`);
    for (const action of WRITE_ACTIONS) assert.ok(!jobItems.includes(action), `a read-only GitLab job offers ${action}: ${JSON.stringify(jobItems)}`);
    const inline = await ui.inlineActions(run);
    assert.ok(!inline.some((i) => WRITE_ACTIONS.includes(i)), `inline icons of a read-only GitLab run: ${JSON.stringify(inline)}`);
    // GraphQL polls are POSTs that only read; no other POST (a mutation) may have been sent.
    const mutations = ui.gitlab.server.stats.requests.filter((r) => r.method === 'POST' && !r.path.startsWith('/api/graphql'));
    assert.deepEqual(mutations.map((r) => `${r.method} ${r.path}`), []);
  });
});
