// Bitbucket Pipelines in a real VS Code (code-server + headless chromium), installed from the VSIX.
// The workspace has a nested checkout (storefront-bitbucket/) whose origin is flowforge-demo/storefront
// on the fake Bitbucket Cloud (test/fakes/bitbucket), which follows the scenario's Bitbucket part
// (test/fixtures/scenario/bitbucket.json) on the same clock, paused at 0: #31
// (feature/express-checkout) failed its "Unit tests" step with a failing test case, #32 (custom:
// deploy-production) is paused at its manual "Deploy to production" step, #33 is pending; advancing
// 6 s gets its Build step running. No flowforge.repositories entry names the repository: FlowForge
// finds it from the remote. The account (e-mail + API token) comes from FLOWFORGE_BITBUCKET_USER /
// FLOWFORGE_BITBUCKET_TOKEN. Screenshots: artifacts/e2e/ui-bitbucket-*.png.

import assert from 'node:assert/strict';
import { sleep, waitFor } from '../../../scripts/e2e/lib.mjs';
import { useProviderUi } from './harness.mjs';

const SLUG = 'flowforge-demo/storefront';
const BRANCH = 'feature/express-checkout';
const FAILED = { row: /^#31 /, header: '#31', number: 31 };
const PAUSED = { row: /^#32 /, header: '#32', number: 32 };
const LIVE = { row: /^#33 /, header: '#33', number: 33 };

describe('FlowForge UI with Bitbucket', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui & { gitlab: any, bitbucket: any }} */
  let ui;

  useProviderUi('bitbucket', { bitbucket: true, prefix: 'flowforge-ui-bb-', logName: 'ui-bitbucket-code-server.log' }, (started) => {
    ui = started;
  });

  const labelled = (prefix) => ui.labelled(prefix);
  /** Folds the other providers' rows, opens the repository and the group of every pipeline run. */
  const showBitbucket = () => ui.showRepository(`${SLUG} Bitbucket`, [/^Pipelines/]);
  async function openPipeline(run) {
    await showBitbucket();
    return ui.openRunPanel(run.row, run.header);
  }
  const openQuickInput = () => ui.quickInputState();

  const mutationsSince = (from) => ui.bitbucket.mutations().slice(from);

  it('finds the Bitbucket repository from the checkout\'s remote and shows its failed and paused pipelines', async () => {
    const repo = labelled(`${SLUG} Bitbucket`);
    await repo.waitFor({ timeout: 60_000 });
    assert.match(await repo.innerText(), /Bitbucket/, 'the repository row names its provider');
    const icon = (await repo.locator('.custom-view-tree-node-item-icon').first().getAttribute('class')) ?? '';
    assert.match(icon, /codicon-repo/, `the Bitbucket row's icon: ${icon}`);
    await showBitbucket();
    await ui.waitRowLabel(FAILED.row, /, failure,/, 60_000);
    await ui.waitRowLabel(PAUSED.row, /, action_required,/, 60_000);
    await ui.waitRowLabel(LIVE.row, /, queued,/, 60_000);
    // Found from the remote: the branch of the checkout is its current branch.
    await ui.waitRow(`Current branch (${BRANCH})`, 60_000);
    await ui.screenshot('bitbucket tree');
  });

  it('shows the steps of the failed #31 and of the paused #32 (its manual step waiting) in the run panel', async () => {
    const failed = await openPipeline(FAILED);
    await failed.locator('.run-header .title-row .state.state-failure').waitFor({ timeout: 30_000 });
    const steps = async (view) => (await view.locator('nav.jobs button.job').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? '')));
    await waitFor(async () => (await steps(failed)).length === 3, { timeout: 30_000, message: 'the three steps of #31' });
    const labels = await steps(failed);
    assert.match(labels[0] ?? '', /^Build, success/, JSON.stringify(labels));
    assert.match(labels[1] ?? '', /^Unit tests, failure/, JSON.stringify(labels));
    assert.match(labels[2] ?? '', /^Deploy to staging, skipped/, JSON.stringify(labels));
    const paused = await openPipeline(PAUSED);
    await paused.locator('nav.jobs button.job', { hasText: 'Deploy to production' }).waitFor({ timeout: 30_000 });
    const pausedLabels = await steps(paused);
    assert.match(pausedLabels.find((l) => l.startsWith('Deploy to production')) ?? '', /, action required/, JSON.stringify(pausedLabels));
    await ui.screenshot('bitbucket paused pipeline');
  });

  it('tails the running Build step of #33 by byte range: new lines arrive, the log is not downloaded again', async () => {
    ui.advance(6); // #33: 2 s into its Build step
    await ui.command('FlowForge: Refresh');
    await showBitbucket();
    await ui.waitRowLabel(LIVE.row, /running/i, 60_000);
    const view = await openPipeline(LIVE);
    await view.locator('nav.jobs button.job', { hasText: 'Build' }).first().click();
    await view.locator('.log-body .row', { hasText: 'git clone' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await view.locator('.log-body .row', { hasText: 'built in 3.88s' }).count(), 0, 'the end of the step is shown before it ran');
    const stepLog = () => ui.bitbucket.logRequests().filter((r) => r.path.includes(encodeURIComponent(ui.bitbucket.server.state.pipelines.find((p) => p.buildNumber === 33).steps[0].uuid)));
    const before = stepLog().length;
    ui.advance(10); // Build finishes
    await view.locator('.log-body .row', { hasText: 'built in 3.88s' }).first().waitFor({ timeout: 30_000 });
    const requests = stepLog();
    const whole = requests.filter((r) => r.range === undefined);
    const tails = requests.slice(before).filter((r) => /^bytes=[1-9]\d*-$/.test(r.range ?? ''));
    assert.ok(tails.length > 0, `no Range request after the first read: ${JSON.stringify(requests)}`);
    assert.ok(whole.length <= 1, `the log was downloaded whole more than once: ${JSON.stringify(requests)}`);
    assert.equal(await view.locator('.log-body .row', { hasText: 'git clone' }).count(), 1, 'the tail repeated lines already shown');
    await ui.screenshot('bitbucket live log');
  });

  it('shows the failing test case of #31 in the Checks tab', async () => {
    const view = await openPipeline(FAILED);
    await view.locator('.tabs button.tab', { hasText: 'Checks' }).click();
    const failure = view.locator('.checks-pane li.failure', { hasText: 'shows the total on the button' });
    await failure.waitFor({ timeout: 30_000 });
    assert.match(await view.locator('.checks-pane section.tests').innerText(), /3 tests: 2 passed, 1 failed/);
    await ui.screenshot('bitbucket checks test report');
  });

  it('Run Workflow… runs the custom deploy-production pipeline with a variable and a masked secured variable: one POST', async () => {
    const from = ui.bitbucket.mutations().length;
    await ui.command('FlowForge: Run Workflow…');
    await ui.answerWhen(/Run Workflow/, SLUG, { item: SLUG });
    await ui.answerWhen(/Run Workflow/, 'main', { item: 'main' });
    // The form: pipeline (choice), commit, variables, secured_variables.
    await ui.answerWhen(/\(1\/4\): pipeline/, 'deploy-production', { item: 'deploy-production' });
    await ui.answerWhen(/\(2\/4\): commit/, '');
    await ui.answerWhen(/\(3\/4\): variables/, 'TARGET=eu-west');
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: /\(4\/4\): secured_variables/ }).waitFor({ timeout: 20_000 });
    const type = await ui.page.locator('.quick-input-widget input.input').getAttribute('type');
    assert.equal(type, 'password', 'the secured variable is typed in the clear');
    await ui.answer('DEPLOY_KEY=s3cr3t-value');
    await waitFor(() => mutationsSince(from).length > 0, { timeout: 30_000, message: 'the POST of the new pipeline' });
    await sleep(1_500); // a second request (a double send, a retry) would arrive now
    const writes = mutationsSince(from);
    assert.deepEqual(writes.map((w) => `${w.method} ${w.path}`), [`POST /2.0/repositories/${SLUG}/pipelines`]);
    const body = writes[0].body;
    assert.equal(body.target.ref_name, 'main');
    assert.deepEqual(body.target.selector, { type: 'custom', pattern: 'deploy-production' });
    assert.deepEqual(body.variables, [
      { type: 'pipeline_variable', key: 'TARGET', value: 'eu-west' },
      { type: 'pipeline_variable', key: 'DEPLOY_KEY', value: 's3cr3t-value', secured: true },
    ]);
    await ui.notification(/Started Pipelines/);
  });

  it('Cancel Run stops the running #33 with one stopPipeline after the confirmation', async () => {
    ui.advance(2);
    await ui.command('FlowForge: Refresh');
    await ui.waitRowLabel(LIVE.row, /running/i, 60_000);
    const from = ui.bitbucket.mutations().length;
    const view = await openPipeline(LIVE);
    const button = view.locator('.run-header .actions button[aria-label="Cancel run"]');
    await button.waitFor({ timeout: 30_000 });
    await button.click();
    await ui.page.locator('.monaco-dialog-box', { hasText: '#33' }).waitFor({ timeout: 20_000 });
    await ui.dialogButton('Cancel Run');
    await waitFor(() => mutationsSince(from).length > 0, { timeout: 20_000, message: 'the stopPipeline request' });
    await sleep(1_500);
    assert.equal(await openQuickInput(), undefined, 'a quick pick opened after the request');
    const uuid = ui.bitbucket.server.state.pipelines.find((p) => p.buildNumber === 33).uuid;
    assert.deepEqual(mutationsSince(from).map((w) => `${w.method} ${decodeURIComponent(w.path)}`), [`POST /2.0/repositories/${SLUG}/pipelines/${uuid}/stopPipeline`]);
    await ui.waitRowLabel(LIVE.row, /cancel|stopped/i, 60_000);
  });
});
