// Azure Pipelines in a real VS Code (code-server + headless chromium), installed from the VSIX.
// The workspace has a nested checkout (payments-api-azure/) whose origin is
// {fake}/flowforge-demo/payments/_git/payments-api on the fake Azure DevOps (test/fakes/azure), which
// flowforge.azure.organizations names ({fake}/flowforge-demo) and which follows the scenario's Azure
// part (test/fixtures/scenario/azure.json) on the same clock, paused at 0: build 402
// (feature/refund-rounding) failed its Test job with a timeline error on src/payments/refund.ts:27
// and a failing test; 403 (payments-api-deploy, main) waits for the approval of its Production
// stage; 404 is queued, its Test job running from 11 s on. No flowforge.repositories entry names the
// repository: FlowForge finds it from the remote. Token: FLOWFORGE_AZURE_TOKEN.
// Screenshots: artifacts/e2e/ui-azure-*.png.

import assert from 'node:assert/strict';
import { sleep, waitFor } from '../../../scripts/e2e/lib.mjs';
import { useProviderUi } from './harness.mjs';

const SLUG = 'flowforge-demo/payments/payments-api';
const API = '/flowforge-demo/payments/_apis';
const FAILED = { row: /^#402 /, header: 'payments-api-ci #402' };
const WAITING = { row: /^#403 /, header: 'payments-api-deploy #403' };
const LIVE = { row: /^#404 /, header: 'payments-api-ci #404' };

describe('FlowForge UI with Azure Pipelines', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui & { gitlab: any, azure: any }} */
  let ui;

  useProviderUi('azure', { azure: true, prefix: 'flowforge-ui-az-', logName: 'ui-azure-code-server.log' }, (started) => {
    ui = started;
  });

  const labelled = (prefix) => ui.labelled(prefix);
  /** Folds the other providers' rows, opens the repository and the group of every pipeline run. */
  const showAzure = () => ui.showRepository(`${SLUG} Azure Pipelines`, [/^payments-api-deploy/]);
  async function openBuild(run) {
    await showAzure();
    return ui.openRunPanel(run.row, run.header);
  }
  const openQuickInput = () => ui.quickInputState();

  const mutationsSince = (from) => ui.azure.mutations().slice(from);
  /** Waits for the mutations after `from`, then a moment for a second (double) send, and returns them. */
  async function writesSince(from, what) {
    await waitFor(() => mutationsSince(from).length > 0, { timeout: 30_000, message: what });
    await sleep(1_500);
    return mutationsSince(from);
  }

  it('finds the Azure Repos repository from the checkout\'s remote and lists its pipelines and builds', async () => {
    const repo = labelled(`${SLUG} Azure Pipelines`);
    await repo.waitFor({ timeout: 60_000 });
    const icon = (await repo.locator('.custom-view-tree-node-item-icon').first().getAttribute('class')) ?? '';
    assert.match(icon, /codicon-azure-devops/, `the Azure row's icon: ${icon}`);
    await showAzure();
    await ui.waitRow(`Current branch (${ui.azure.definition.demo.branch})`, 60_000);
    await ui.waitRow(/payments-api-deploy/, 60_000);
    await ui.waitRowLabel(FAILED.row, /, failure,/, 60_000);
    await ui.waitRowLabel(LIVE.row, /, queued,/, 60_000);
    await ui.waitRow(WAITING.row, 60_000);
    await ui.screenshot('azure tree');
  });

  it('shows the timeline error of the failed 402 as a FlowForge problem on src/payments/refund.ts', async () => {
    await ui.command('Problems: Focus on Problems View');
    const problem = ui.page.locator('.markers-panel .monaco-list-row', { hasText: 'expected 10.01 to equal 10.02' }).first();
    await problem.waitFor({ timeout: 60_000 }).catch(async (err) => {
      const rows = await ui.page.locator('.markers-panel .monaco-list-row').allInnerTexts().catch(() => []);
      throw new Error(`${err instanceof Error ? err.message : String(err)}; Problems rows: ${JSON.stringify(rows)}`);
    });
    assert.match(await problem.innerText(), /FlowForge/);
    await ui.page.locator('.markers-panel .monaco-list-row', { hasText: 'refund.ts' }).first().waitFor({ timeout: 10_000 });
    assert.match(await ui.page.locator('.markers-panel').innerText(), /\[Ln 27, Col 12\]|27:12|Ln 27/, 'the problem is not on line 27');
    await ui.screenshot('azure problems panel');
  });

  it('shows the stages, jobs and tasks of 402 from its timeline in the run panel', async () => {
    const view = await openBuild(FAILED);
    await view.locator('.run-header .title-row .state.state-failure').waitFor({ timeout: 30_000 });
    const stages = view.locator('nav.jobs li.stage');
    await waitFor(async () => (await stages.count()) === 2, { timeout: 30_000, message: 'two stages' });
    // textContent: the stage headings are upper-cased by CSS only.
    const texts = (locator) => locator.evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
    assert.deepEqual(await texts(view.locator('nav.jobs li.stage h2.stage-name')), ['Build', 'Publish']);
    const build = stages.first();
    assert.deepEqual(await texts(build.locator('button.job .job-name')), ['Lint', 'Test']);
    await build.locator('button.job', { hasText: 'Test' }).click();
    const testSteps = build.locator('ol.steps[aria-label="Steps of Test"] li.step');
    await waitFor(async () => (await testSteps.count()) === 3, { timeout: 30_000, message: 'the three tasks of Test' });
    const labels = await testSteps.evaluateAll((els) => els.map((el) => `${el.textContent?.replace(/\s+/g, ' ').trim()} ${el.querySelector('.state')?.getAttribute('aria-label') ?? ''}`));
    assert.match(labels[2] ?? '', /npm test.*Fail/i, JSON.stringify(labels));
    await ui.screenshot('azure stages jobs tasks');
  });

  it('shows the failing test and the timeline issue of 402 in the Checks tab', async () => {
    const view = await openBuild(FAILED);
    await view.locator('.tabs button.tab', { hasText: 'Checks' }).click();
    await view.locator('.checks-pane li.failure', { hasText: 'rounds per line' }).waitFor({ timeout: 30_000 });
    await view.locator('.checks-pane li.annotation', { hasText: 'src/payments/refund.ts:27' }).first().waitFor({ timeout: 30_000 });
    await ui.screenshot('azure checks');
  });

  it('tails the running task log of 404 by startLine: new lines arrive, finished tasks are not read again', async () => {
    ui.advance(12); // 404: Lint done, Test's npm ci running
    await ui.command('FlowForge: Refresh');
    await showAzure();
    await ui.waitRowLabel(LIVE.row, /running/i, 60_000);
    const view = await openBuild(LIVE);
    await view.locator('nav.jobs button.job', { hasText: 'Test' }).first().click();
    await view.locator('.log-body .row', { hasText: 'Syncing repository: payments-api' }).first().waitFor({ timeout: 30_000 });
    const before = ui.azure.logRequests().length;
    ui.advance(8); // npm ci done, npm test running
    await view.locator('.log-body .row', { hasText: 'found 0 vulnerabilities' }).first().waitFor({ timeout: 30_000 });
    const after = ui.azure.logRequests().slice(before);
    assert.ok(after.some((r) => /[?&]startLine=([2-9]|\d\d+)/.test(r.path)), `no startLine tail after the first read: ${JSON.stringify(after)}`);
    assert.equal(await view.locator('.log-body .row', { hasText: 'Syncing repository: payments-api' }).count(), 1, 'the tail repeated the finished Checkout task');
    await ui.screenshot('azure live log');
  });

  it('Run Workflow… queues payments-api-deploy with its runtime parameters as a typed form: one POST with the values', async () => {
    // Out of the way: the Problems panel of an earlier test.
    await ui.command('View: Hide Panel').catch(() => ui.page.keyboard.press('Escape'));
    const from = ui.azure.mutations().length;
    await ui.command('FlowForge: Run Workflow…');
    await ui.answerWhen(/Run Workflow/, SLUG, { item: SLUG });
    await ui.answerWhen(/Run Workflow/, 'main', { item: 'main' });
    await ui.answerWhen(/Run Workflow/, 'payments-api-deploy', { item: 'payments-api-deploy' });
    await ui.answerWhen(/\(1\/4\): environment/, 'production', { item: 'production' });
    await ui.answerWhen(/\(2\/4\): dryRun/, 'Yes', { item: 'Yes' });
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: /\(3\/4\): replicas/ }).waitFor({ timeout: 20_000 });
    // A number: text is refused until it is one.
    await ui.page.locator('.quick-input-widget input.input').fill('three');
    await ui.page.locator('.quick-input-widget .quick-input-message', { hasText: /number/i }).waitFor({ timeout: 10_000 });
    await ui.answer('3');
    await ui.answerWhen(/\(4\/4\): variables/, 'LOG_LEVEL=debug');
    const writes = await writesSince(from, 'the POST of the new run');
    assert.deepEqual(writes.map((w) => `${w.method} ${w.path}`), [`POST ${API}/pipelines/8/runs?api-version=7.1`]);
    assert.deepEqual(writes[0].body, {
      resources: { repositories: { self: { refName: 'refs/heads/main' } } },
      templateParameters: { environment: 'production', dryRun: 'true', replicas: '3' },
      variables: { LOG_LEVEL: { value: 'debug' } },
    });
    await ui.notification(/Started payments-api-deploy/);
  });

  it('Review Deployments… approves the waiting Production stage of 403 once, with a comment', async () => {
    const comment = 'Smoke tests on staging are green';
    // FlowForge knows a build waits for an approval once it read its timeline: open it first.
    const view = await openBuild(WAITING);
    await view.locator('nav.jobs li.stage h2.stage-name', { hasText: /production/i }).waitFor({ timeout: 30_000 });
    await ui.waitRowLabel(WAITING.row, /, action_required,/, 60_000);
    const from = ui.azure.mutations().length;
    await ui.command('FlowForge: Review Deployments…');
    await ui.answerWhen(/Review Deployments/, '#403', { item: '#403' });
    await ui.answerWhen(/Environments of/, '');
    await ui.answerWhen(/Review 1 deployment/, 'Approve', { item: 'Approve' });
    await ui.answerWhen(/Comment/, comment);
    const writes = await writesSince(from, 'the approval PATCH');
    const approval = ui.azure.server.state.approvals.find((a) => a.buildId === 403);
    assert.deepEqual(writes.map((w) => `${w.method} ${w.path}`), [`PATCH ${API}/pipelines/approvals?api-version=7.1`]);
    assert.deepEqual(writes[0].body, [{ approvalId: approval.id, status: 'approved', comment }]);
    assert.equal(approval.status, 'approved');
  });

  it('Cancel run on the running 404 sends one cancel after the confirmation', async () => {
    const from = ui.azure.mutations().length;
    const view = await openBuild(LIVE);
    await view.locator('.run-header .title-row .state.state-running').waitFor({ timeout: 30_000 });
    const button = view.locator('.run-header .actions button[aria-label="Cancel run"]');
    await button.waitFor({ timeout: 30_000 });
    await button.click();
    await ui.page.locator('.monaco-dialog-box', { hasText: '#404' }).waitFor({ timeout: 20_000 });
    await ui.dialogButton('Cancel Run');
    const writes = await writesSince(from, 'the cancel PATCH');
    assert.equal(await openQuickInput(), undefined, 'a quick pick opened after the request');
    assert.deepEqual(writes.map((w) => `${w.method} ${w.path} ${JSON.stringify(w.body)}`), [`PATCH ${API}/build/builds/404?api-version=7.1 {"status":"cancelling"}`]);
    await ui.waitRowLabel(LIVE.row, /cancel/i, 60_000);
  });
});
