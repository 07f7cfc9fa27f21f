// Jenkins beside GitHub, GitLab and Buildkite in a real VS Code (code-server + headless chromium),
// installed from the VSIX. The fake Jenkins (test/fakes/jenkins, under /jenkins) follows the
// scenario's Jenkins part (test/fixtures/scenario/jenkins.json) on the same clock, paused at 0:
// folder flowforge-demo holds the multibranch project webshop, whose branch job
// feature%2Fexpress-checkout (the demo workspace's branch) runs build #4 (its console grows as the
// clock advances), the parameterized pipeline deploy, and release, whose #5 and #4 wait on an input step.
// Every job builds the workspace's upstream remote, so FlowForge finds them from it; the server is
// flowforge.jenkins.servers, the credential FLOWFORGE_JENKINS_USER / FLOWFORGE_JENKINS_TOKEN.
// Screenshots: artifacts/e2e/ui-jenkins-*.png.

import assert from 'node:assert/strict';
import { sleep, waitFor } from '../../../scripts/e2e/lib.mjs';
import { useProviderUi } from './harness.mjs';

const FOLDER = 'flowforge-demo';
const WEBSHOP = `${FOLDER}/webshop`;
const BRANCH = 'feature/express-checkout';
const LIVE = { row: /#4 (feature\/express-checkout: )?Express checkout: show the total/, header: '#4' };

describe('FlowForge UI with Jenkins', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui & { gitlab: any, jenkins: any }} */
  let ui;

  useProviderUi('jenkins', { jenkins: true, prefix: 'flowforge-ui-jk-', logName: 'ui-jenkins-code-server.log' }, (started) => {
    ui = started;
  });

  const labelled = (prefix) => ui.labelled(prefix);
  const setRowExpanded = (row, expanded) => ui.holdExpanded(row, expanded);

  /** POSTs the fake Jenkins answered since `from` (index into its request log), with their query. */
  const postsSince = (from) => ui.jenkins.mutations().slice(from).map((m) => m.path);

  /** Folds the other providers' repositories so the Jenkins jobs are on screen. */
  async function showJenkins() {
    await labelled(`${WEBSHOP} Jenkins`).waitFor({ timeout: 60_000 });
    for (const repo of ui.definition.repositories) await setRowExpanded(labelled(`${repo.owner}/${repo.name} GitHub`), false);
    await setRowExpanded(labelled(`${ui.gitlab.definition.project.path} GitLab`), false);
  }

  it('shows the Jenkins server\'s jobs beside the GitHub repositories and the GitLab project, with their own icon and the server', async () => {
    const webshop = labelled(`${WEBSHOP} Jenkins`);
    await webshop.waitFor({ timeout: 60_000 });
    await labelled(`${FOLDER}/deploy Jenkins`).waitFor({ timeout: 60_000 });
    await labelled(`${FOLDER}/release Jenkins`).waitFor({ timeout: 60_000 });
    const text = await webshop.innerText();
    assert.ok(text.includes(`Jenkins (${new URL(ui.jenkins.url).host})`), `the job row names the Jenkins server: ${JSON.stringify(text)}`);
    const icon = (await webshop.locator('.custom-view-tree-node-item-icon').first().getAttribute('class')) ?? '';
    assert.match(icon, /codicon-server-process/, `the Jenkins row's icon: ${icon}`);
    await showJenkins();
    await ui.waitRowLabel(LIVE.row, /, running,/, 60_000);
    await ui.screenshot('jenkins tree beside the other providers');
  });

  it('shows the current branch\'s multibranch build in the status bar', async () => {
    await ui.statusTooltip(new RegExp(`${WEBSHOP}\\s·\\s${BRANCH.replace('/', '\\/')}\\s#4\\s·`), 'the Jenkins branch build in the status bar tooltip');
    await ui.screenshot('jenkins status bar tooltip');
    await ui.page.mouse.move(700, 400);
  });

  it('tails the running build\'s console in the run panel: new lines appear, [Pipeline] stages folded', async () => {
    ui.advance(5); // #4: Checkout done, Build running ("+ npm ci")
    await showJenkins();
    await (await ui.waitRow(LIVE.row, 60_000)).click();
    const view = ui.webview();
    await view.locator('.run-header h1', { hasText: LIVE.header }).waitFor({ timeout: 30_000 });
    // The running stage's log is followed (every stage shows the build's one console).
    await view.locator('nav.jobs button.job', { hasText: 'Build' }).click();
    await view.locator('.log-body .row', { hasText: '+ npm ci' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await view.locator('.log-body .row', { hasText: 'checkout/express shows the total' }).count(), 0, 'a line of the future is shown');
    ui.advance(30); // the Test stage writes its lines
    await view.locator('.log-body .row', { hasText: 'checkout/express shows the total' }).first().waitFor({ timeout: 45_000 });
    const body = await view.locator('.log-body').innerText();
    assert.doesNotMatch(body, /\[Pipeline\] [{}]/, 'the [Pipeline] block lines are shown');
    assert.doesNotMatch(body, /section_(start|end)/, 'fold markers are shown as text');
    assert.ok(!body.includes('\u001b') && !body.includes('ha:'), 'escape bytes or console notes in the rendered log');
    const header = view.locator('.log-body .row[aria-expanded]', { hasText: 'Build' }).first();
    await header.waitFor({ timeout: 10_000 });
    await ui.screenshot('jenkins live console');
  });

  it('Run Workflow… on the parameterized deploy job sends one buildWithParameters with the typed values', async () => {
    const from = ui.jenkins.mutations().length;
    await ui.command('FlowForge: Run Workflow…');
    await ui.answerWhen(/Run Workflow/, `${FOLDER}/deploy`, { item: `${FOLDER}/deploy` });
    await ui.answerWhen(/Run Workflow/, 'main', { item: 'main' });
    const answers = { ENVIRONMENT: ['production', 'production'], VERSION: ['2.4.0'], DRY_RUN: ['No', 'No'] };
    for (let i = 1; i <= 3; i++) {
      const title = ui.page.locator('.quick-input-widget .quick-input-title', { hasText: `deploy (${i}/3)` }).first();
      await title.waitFor({ state: 'visible', timeout: 20_000 });
      const field = /\(\d+\/\d+\): (\w+)/.exec(await title.innerText())?.[1];
      const answer = field ? answers[field] : undefined;
      assert.ok(answer, `unexpected form field ${field}`);
      await ui.answer(answer[0], answer[1] ? { item: answer[1] } : {});
    }
    await waitFor(() => postsSince(from).length > 0, { timeout: 30_000, message: 'the build request' });
    await sleep(1_500); // a second request (a double send, a retry) would arrive now
    assert.deepEqual(postsSince(from), [`/jenkins/job/${FOLDER}/job/deploy/buildWithParameters?ENVIRONMENT=production&VERSION=2.4.0&DRY_RUN=false`]);
    const build = ui.jenkins.server.state.job([FOLDER, 'deploy']).builds[0];
    assert.deepEqual(build.parameterValues, [{ name: 'ENVIRONMENT', value: 'production' }, { name: 'VERSION', value: '2.4.0' }, { name: 'DRY_RUN', value: false }]);
    await ui.notification(/Started deploy/, 30_000);
    await ui.screenshot('jenkins parameterized build');
  });

  const RELEASE = /#5 (release: )?Release 2\.3\.0/;
  const CANDIDATE = /#4 (release: )?Release 2\.3\.0-rc\.1/;

  /** The release job's builds on screen. */
  async function showRelease() {
    await showJenkins();
    await setRowExpanded(labelled(`${FOLDER}/release Jenkins`), true);
    await setRowExpanded(labelled('release'), true);
  }

  it('shows the release builds waiting on input as action required, with the waiting icon, and the palette\'s Unblock… lists them', async () => {
    await showRelease();
    for (const row of [RELEASE, CANDIDATE]) {
      await ui.waitRowLabel(row, /, action_required,/, 60_000);
      const icon = (await (await ui.waitRow(row)).locator('.custom-view-tree-node-item-icon').first().getAttribute('class')) ?? '';
      assert.match(icon, /codicon-warning/, `the waiting build's icon: ${icon}`);
    }
    await ui.screenshot('jenkins builds waiting on input');
    await ui.command('FlowForge: Unblock…');
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: /Unblock/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
    const rows = ui.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 20_000 });
    const offered = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.ok(offered.some((t) => /release #5/.test(t)), `Unblock… offers release #5: ${JSON.stringify(offered)}`);
    assert.ok(offered.some((t) => /release #4/.test(t)), `Unblock… offers release #4: ${JSON.stringify(offered)}`);
    await ui.screenshot('jenkins unblock picker');
    await ui.closeQuickInput();
  });

  it('Abort on the release candidate #4 from the palette asks first, then sends exactly one POST to its abortUrl and the build ends aborted', async () => {
    await showRelease();
    const from = ui.jenkins.mutations().length;
    await ui.command('FlowForge: Unblock…');
    await ui.answerWhen(/Unblock/, 'release #4', { item: 'release #4' });
    await ui.answerWhen(/waits for input/, 'Abort', { item: 'Abort' });
    // flowforge.confirmDestructiveActions is on: a modal asks first, and nothing is sent before it.
    await ui.page.locator('.monaco-dialog-box', { hasText: 'Abort Approve of release #4?' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(postsSince(from), [], 'a request was sent before the confirmation');
    await ui.screenshot('jenkins abort confirmation');
    await ui.dialogButton('Abort');
    await waitFor(() => postsSince(from).length > 0, { timeout: 30_000, message: 'the abort request' });
    await sleep(1_500); // a second request (a double send, a retry) would arrive now
    assert.deepEqual(postsSince(from), [`/jenkins/job/${FOLDER}/job/release/4/input/Production/abort`]);
    const build = ui.jenkins.server.state.build([FOLDER, 'release'], 4);
    assert.equal(build.inputs[0].answer.action, 'abort');
    assert.equal(build.result, 'ABORTED');
    await ui.waitRowLabel(CANDIDATE, /, cancelled,/, 60_000);
    await ui.waitRowLabel(RELEASE, /, action_required,/, 10_000);
    await ui.screenshot('jenkins input aborted');
  });

  it('proceeds the release\'s input step from its paused stage with the input\'s parameter, once', async () => {
    await showJenkins();
    await setRowExpanded(labelled(`${FOLDER}/release Jenkins`), true);
    await setRowExpanded(labelled('release'), true);
    const run = await ui.waitRow(/#5 (release: )?Release 2\.3\.0/, 60_000);
    await setRowExpanded(run, true);
    const stage = labelled('Approve,');
    await stage.waitFor({ timeout: 30_000 });
    assert.match((await stage.getAttribute('aria-label')) ?? '', /manual/, 'the paused stage is not offered as a step waiting for a person');
    const from = ui.jenkins.mutations().length;
    await ui.contextMenu(stage, 'Unblock…');
    await ui.answerWhen(/waits for input/, 'Proceed', { item: 'Proceed' });
    await ui.answerWhen(/Approve \(1\/1\)/, 'CHG-2002');
    await waitFor(() => postsSince(from).length > 0, { timeout: 30_000, message: 'the proceed request' });
    await sleep(1_500);
    const posts = postsSince(from);
    assert.equal(posts.length, 1, `POSTs: ${JSON.stringify(posts)}`);
    assert.match(posts[0], /^\/jenkins\/job\/flowforge-demo\/job\/release\/5\/input\/Production\/proceed\?/);
    assert.deepEqual(JSON.parse(new URL(posts[0], 'http://x').searchParams.get('json') ?? '{}'), { parameter: [{ name: 'CHANGE_TICKET', value: 'CHG-2002' }] });
    assert.equal(ui.jenkins.server.state.build([FOLDER, 'release'], 5).inputs[0].answer.action, 'proceed');
    await ui.waitRowLabel(/#5 (release: )?Release 2\.3\.0/, /, success,/, 60_000);
    await ui.screenshot('jenkins input proceeded');
  });
});
