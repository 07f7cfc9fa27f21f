// Buildkite beside GitHub and GitLab in a real VS Code (code-server + headless chromium), installed
// from the VSIX. The fake Buildkite REST API v2 (test/fakes/buildkite) follows the scenario's
// Buildkite part (test/fixtures/scenario/buildkite.json) on the same clock, paused at 0:
// Webshop #41 (feature/express-checkout) failed its ":jest: Unit tests" job with an error
// annotation on src/checkout/express.ts:14, Webshop Deploy #7 waits at a block step, and Webshop #42
// is scheduled; advancing 5 s gets it running. The pipelines are flowforge.repositories entries
// (buildkite:flowforge-demo/webshop, …-deploy), the token FLOWFORGE_BUILDKITE_TOKEN.
// Screenshots: artifacts/e2e/ui-buildkite-*.png.

import assert from 'node:assert/strict';
import { sleep, waitFor } from '../../../scripts/e2e/lib.mjs';
import { useProviderUi } from './harness.mjs';

const ORG = 'flowforge-demo';
const WEBSHOP = `${ORG}/webshop`;
const DEPLOY = `${ORG}/webshop-deploy`;
const FAILED = { row: /#41 (Webshop: )?Add express checkout button/, header: 'Webshop #41', number: 41 };
const RUNNING = { row: /#42 (Webshop: )?Express checkout: show the total/, header: 'Webshop #42', number: 42 };
const BLOCKED = /#7 (Webshop Deploy: )?Deploy 2\.3 to production/;

describe('FlowForge UI with Buildkite', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui & { gitlab: any, buildkite: any }} */
  let ui;

  useProviderUi('buildkite', { buildkite: true, prefix: 'flowforge-ui-bk-', logName: 'ui-buildkite-code-server.log' }, (started) => {
    ui = started;
  });

  const labelled = (prefix) => ui.labelled(prefix);
  const setRowExpanded = (row, expanded) => ui.holdExpanded(row, expanded);

  /** Mutating requests the fake Buildkite answered since `from` (index into its request log). */
  const mutationsSince = (from) => ui.buildkite.mutations().slice(from).map((m) => `${m.method} ${m.path}`);

  /** What the open quick input shows, or undefined when none is open. */
  async function openQuickInput() {
    const widget = ui.page.locator('.quick-input-widget');
    if (!(await widget.isVisible().catch(() => false))) return undefined;
    const rows = (await ui.page.locator('.quick-input-list .monaco-list-row').allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').trim());
    return { title: await ui.page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => ''), rows: rows.slice(0, 6) };
  }

  /** Folds the GitHub and GitLab repositories so the Buildkite builds are on screen, and opens the pipelines' build lists. */
  async function showBuildkiteBuilds() {
    await labelled('Webshop Deploy,').waitFor({ timeout: 60_000 });
    for (const repo of ui.definition.repositories) await setRowExpanded(labelled(`${repo.owner}/${repo.name} GitHub`), false);
    await setRowExpanded(labelled(`${ui.gitlab.definition.project.path} GitLab`), false);
    await setRowExpanded(labelled('Webshop,'), true);
    await setRowExpanded(labelled('Webshop Deploy,'), true);
  }

  /** Opens a build from its tree row in the run panel and waits for its header. */
  async function openBuild(build) {
    await showBuildkiteBuilds();
    await (await ui.waitRow(build.row, 60_000)).click();
    const view = ui.webview();
    await view.locator('.run-header h1', { hasText: build.header }).waitFor({ timeout: 30_000 });
    return view;
  }

  /** Clicks `button` (then `confirm`), expects exactly `expected` (one "PUT /v2/…" line) and no quick pick. */
  async function clickExpectingOne(button, expected, confirm) {
    const before = ui.buildkite.mutations().length;
    await button.click();
    if (confirm) await confirm();
    await waitFor(async () => {
      const picker = await openQuickInput();
      assert.equal(picker, undefined, `the panel's button opened a quick pick instead of acting on the build: ${JSON.stringify(picker)}`);
      return ui.buildkite.mutations().length > before;
    }, { timeout: 20_000, interval: 100, message: `${expected} on the fake Buildkite` });
    await sleep(1500); // a second request (a double send, a retry) would arrive now
    assert.equal(await openQuickInput(), undefined, 'a quick pick opened after the request');
    assert.deepEqual(mutationsSince(before), [expected]);
  }

  it('shows the Buildkite pipelines beside the GitHub repositories and the GitLab project, with their own icon and label', async () => {
    const webshop = labelled(`${WEBSHOP} Buildkite`);
    await webshop.waitFor({ timeout: 60_000 });
    await labelled(`${DEPLOY} Buildkite`).waitFor({ timeout: 60_000 });
    const gitlabRow = labelled(`${ui.gitlab.definition.project.path} GitLab`);
    await gitlabRow.waitFor({ timeout: 60_000 });
    for (const repo of ui.definition.repositories) await labelled(`${repo.owner}/${repo.name} GitHub`).waitFor({ timeout: 60_000 });
    assert.match(await webshop.innerText(), /Buildkite/, 'the Buildkite pipeline row names its provider');
    const icon = async (row) => (await row.locator('.custom-view-tree-node-item-icon').first().getAttribute('class')) ?? '';
    const icons = { buildkite: await icon(webshop), gitlab: await icon(gitlabRow), github: await icon(labelled(`${WEBSHOP} GitHub`)) };
    assert.match(icons.buildkite, /codicon-rocket/, `the Buildkite row's icon: ${JSON.stringify(icons)}`);
    assert.ok(icons.buildkite !== icons.gitlab && icons.buildkite !== icons.github, `Buildkite shares an icon: ${JSON.stringify(icons)}`);
    await showBuildkiteBuilds();
    await ui.waitRowLabel(FAILED.row, /, failure,/);
    await ui.waitRowLabel(BLOCKED, /, action_required,/);
    await ui.screenshot('buildkite tree with three providers');
  });

  it('lists the Buildkite pipeline of the current branch in the status bar tooltip', async () => {
    // The pipelines build the workspace's upstream remote: FlowForge finds them through the API
    // (matchRemotes) and watches them on the checkout's branch, so they join the status bar.
    await ui.statusTooltip(new RegExp(`${WEBSHOP}\\s·\\sWebshop\\s#4[12]\\s·`), 'the Buildkite pipeline in the status bar tooltip');
    await ui.screenshot('buildkite status bar tooltip');
    await ui.page.mouse.move(700, 400);
  });

  it('unblocks Deploy #7 from the palette with its Region field: one unblock request with the value, no other write', async () => {
    const from = ui.buildkite.mutations().length;
    await ui.command('FlowForge: Unblock…');
    await ui.answerWhen(/Unblock/, 'Webshop Deploy #7', { item: 'Webshop Deploy #7' });
    await ui.answerWhen(/\(1\/1\)/, 'us', { item: 'us' });
    await waitFor(() => mutationsSince(from).length > 0, { timeout: 30_000, message: 'the unblock request' });
    await sleep(1_000);
    const writes = ui.buildkite.mutations().slice(from);
    assert.equal(writes.length, 1, `writes: ${JSON.stringify(mutationsSince(from))}`);
    assert.match(`${writes[0].method} ${writes[0].path}`, /^PUT \/v2\/organizations\/flowforge-demo\/jobs\/[^/]+\/unblock$/);
    assert.deepEqual(writes[0].body?.fields, { region: 'us' }, `body: ${JSON.stringify(writes[0].body)}`);
    await ui.screenshot('buildkite unblocked deploy 7');
  });

  it('opens a Buildkite job log in the run panel: sections folded, no _bk;t= markers or escape bytes', async () => {
    const view = await openBuild(FAILED);
    await view.locator('.run-header .title-row .state.state-failure').waitFor({ timeout: 30_000 });
    await view.locator('nav.jobs button.job', { hasText: ':jest: Unit tests' }).click();
    await view.locator('.log-body .row', { hasText: 'shows the total on the button' }).first().waitFor({ timeout: 30_000 });
    const body = await view.locator('.log-body').innerText();
    assert.doesNotMatch(body, /_bk;t=/, 'raw Buildkite timestamp markers in the rendered log');
    assert.ok(!body.includes('\u001b') && !body.includes('\u0007'), 'raw ESC / BEL bytes in the rendered log');
    assert.doesNotMatch(body, /\[(3[0-9]|4[0-9]|[0-9])(;\d+)*m/, 'raw ANSI SGR codes in the rendered log');
    await ui.screenshot('buildkite job log');
    // "--- :npm: Installing dependencies" is a collapsed section: a header row with a fold toggle,
    // its lines hidden; "+++ :jest: Running tests" is open; the markers themselves are not shown.
    const installing = view.locator('.log-body .row', { hasText: ':npm: Installing dependencies' }).first();
    await installing.waitFor({ timeout: 10_000 });
    const header = { text: await installing.innerText(), expanded: await installing.getAttribute('aria-expanded'), fold: await installing.locator('.fold').innerText().catch(() => '') };
    assert.equal(header.expanded, 'false', `the --- section is not a folded group: ${JSON.stringify(header)}`);
    assert.doesNotMatch(header.text, /^\s*\d*\s*---/, `the section header shows its --- marker: ${JSON.stringify(header)}`);
    assert.equal(await view.locator('.log-body .row', { hasText: 'added 812 packages' }).count(), 0, 'the folded section\'s lines are shown');
    const tests = view.locator('.log-body .row', { hasText: ':jest: Running tests' }).first();
    assert.equal(await tests.getAttribute('aria-expanded'), 'true', 'the +++ section is not an open group');
    assert.doesNotMatch(body, /\^\^\^ \+\+\+/, 'the ^^^ +++ directive is shown as a line');
  });

  it('shows the failed build\'s error annotation in the Checks tab', async () => {
    const view = await openBuild(FAILED);
    await view.locator('.tabs button.tab', { hasText: 'Checks' }).click();
    const check = view.locator('.checks-pane li.check', { has: view.locator('h3', { hasText: /^jest$/ }) });
    await check.waitFor({ timeout: 30_000 });
    const annotation = check.locator('li.annotation.level-failure', { hasText: 'src/checkout/express.ts:14' });
    await annotation.waitFor({ timeout: 10_000 });
    assert.match(await annotation.innerText(), /expected 'Buy now: €10\.00' to contain '€10\.02'/);
    await ui.screenshot('buildkite checks annotation');
    const summary = await check.innerText();
    assert.match(summary, /1 test failed/, `the annotation's text: ${JSON.stringify(summary)}`);
    assert.doesNotMatch(summary, /<\/?(h4|pre|code|p)>/, `the annotation's HTML is shown as raw tags: ${JSON.stringify(summary)}`);
  });

  it('Re-run all jobs on the failed Webshop #41 sends one rebuild of #41 to Buildkite, without asking which run', async () => {
    const view = await openBuild(FAILED);
    const button = view.locator('.run-header .actions button[aria-label="Re-run all jobs"]');
    await button.waitFor({ timeout: 30_000 });
    await clickExpectingOne(button, `PUT /v2/organizations/${ORG}/pipelines/webshop/builds/41/rebuild`);
    await ui.waitRow(/#4[3-9] (Webshop: )?Add express checkout button/, 60_000);
  });

  it('shows the finished failed Webshop #41\'s annotation as a FlowForge problem on src/checkout/express.ts while its rebuild runs', async () => {
    // The newest build of #41's commit is now its running rebuild: the Problems panel must still
    // show the annotation of the newest *finished* build of the branch, #41's error on express.ts:14.
    await ui.command('Problems: Focus on Problems View');
    const problem = ui.page.locator('.markers-panel .monaco-list-row', { hasText: "expected 'Buy now: €10.00' to contain '€10.02'" }).first();
    await problem.waitFor({ timeout: 60_000 }).catch(async (err) => {
      const rows = await ui.page.locator('.markers-panel .monaco-list-row').allInnerTexts().catch(() => []);
      throw new Error(`${err instanceof Error ? err.message : String(err)}; Problems rows: ${JSON.stringify(rows)}`);
    });
    const text = await problem.innerText();
    assert.match(text, /FlowForge/, `the problem's source: ${JSON.stringify(text)}`);
    await ui.page.locator('.markers-panel .monaco-list-row', { hasText: 'express.ts' }).first().waitFor({ timeout: 10_000 });
    await ui.screenshot('buildkite problems panel');
  });

  it('Cancel run on the running Webshop #42 sends one cancel of #42 to Buildkite after the confirmation', async () => {
    ui.advance(5); // #42: out of the schedule, its lint job running
    await ui.command('FlowForge: Refresh');
    await ui.waitRowLabel(RUNNING.row, /running/i, 60_000);
    const view = await openBuild(RUNNING);
    await view.locator('.run-header .title-row .state.state-running').waitFor({ timeout: 30_000 });
    const button = view.locator('.run-header .actions button[aria-label="Cancel run"]');
    await button.waitFor({ timeout: 30_000 });
    await clickExpectingOne(button, `PUT /v2/organizations/${ORG}/pipelines/webshop/builds/42/cancel`, async () => {
      const dialog = ui.page.locator('.monaco-dialog-box', { hasText: 'Webshop #42' });
      const shown = await dialog.waitFor({ timeout: 20_000 }).then(() => true, () => false);
      assert.ok(shown, `no confirmation for Webshop #42; quick input: ${JSON.stringify(await openQuickInput())}`);
      await ui.dialogButton('Cancel Run');
    });
    await ui.waitRowLabel(RUNNING.row, /cancel/i, 60_000);
  });
});
