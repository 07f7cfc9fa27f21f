// GitLab beside GitHub in a real VS Code (code-server + headless chromium), installed from the
// VSIX: the workspace holds the GitHub demo checkout and a nested checkout whose origin is the
// GitLab scenario's project (flowforge-demo/platform/billing on the fake GitLab instance, on the
// scenario clock). Starts its own scenario + code-server so the GitHub-only UI tests keep theirs.
// Each test leaves a screenshot in artifacts/e2e/ui-gitlab-<title>.png.

import assert from 'node:assert/strict';
import { waitFor } from '../../../scripts/e2e/lib.mjs';
import { shotName, startGitLabUi } from './harness.mjs';

/** Sets a tree row (first match) expanded or collapsed through its twistie. */
async function setExpanded(ui, text, expanded) {
  const row = await ui.waitRow(text);
  const want = String(expanded);
  if ((await row.getAttribute('aria-expanded')) !== want) await row.locator('.monaco-tl-twistie').click();
  await waitFor(async () => (await row.getAttribute('aria-expanded')) === want, { timeout: 10_000, message: `tree row ${text} aria-expanded=${want}` });
}

describe('FlowForge UI with GitLab', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui & { gitlab: any }} */
  let ui;
  let project;

  before(async function () {
    this.timeout(180_000);
    ui = await startGitLabUi();
    project = ui.gitlab.definition.project.path;
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (ui) await ui.screenshot(`gitlab ${shotName(this.currentTest)}`).catch(() => {});
  });

  it('shows the GitHub repositories and the GitLab project in one tree', async () => {
    await ui.openFlowForge();
    await ui.waitRow(project, 60_000);
    for (const repo of ui.definition.repositories) await ui.waitRow(`${repo.owner}/${repo.name}`, 60_000);
    const label = await (await ui.waitRow(project)).innerText();
    assert.match(label, /GitLab/, `the GitLab project row says ${JSON.stringify(label)}`);
    await ui.waitRow(`Current branch (${ui.gitlab.definition.demo.branch})`, 60_000);
  });

  it('expands a GitLab pipeline into stages, jobs and the child pipeline', async () => {
    ui.advance(20); // #51 running: compile done, tests running, the trigger job's child pipeline exists
    await ui.command('FlowForge: Refresh');
    for (const repo of ui.definition.repositories) await setExpanded(ui, `${repo.owner}/${repo.name}`, false);
    const run = /#51 (Pipeline: )?Invoice PDF: embed fonts/;
    await setExpanded(ui, run, true);
    for (const stage of ['build', 'test', 'deploy']) await ui.waitRow(new RegExp(`^${stage}`));
    await ui.waitRow(/^compile/);
    await ui.waitRow(/^unit-tests/);
    assert.match(await (await ui.waitRow(/^lint/)).innerText(), /allowed to fail/);
    assert.match(await (await ui.waitRow(/^deploy-review/)).innerText(), /manual/);
    await setExpanded(ui, /^docs-pipeline/, true);
    await ui.waitRow(/^render-pdf-samples/);
    await ui.waitRow(/^publish-preview/);
  });

  it('titles GitLab pipelines without a name by their commit title, not "push on main"', async () => {
    // #49 and #52 have no workflow:name (the scenario gives only their commits' titles): the rows
    // read the titles from the batched GraphQL poll (Pipeline.commit.title).
    ui.advance(15); // #52 (main) is created at 30 s
    await ui.command('FlowForge: Refresh');
    for (const title of [/#49 (Pipeline: )?Release 2\.3: tax tables/, /#52 (Pipeline: )?Merge invoice rounding fix/]) {
      // The refresh can re-render the project's rows (the merge request node arrives with it), which
      // may fold Pipelines again: keep it open until the row shows.
      const row = ui.row(title).first();
      await waitFor(async () => {
        await ui.holdExpanded(ui.row(/^Pipelines/).first(), true);
        return row.isVisible();
      }, { timeout: 30_000, interval: 1_000, message: `a pipeline row ${title}` });
      assert.doesNotMatch(await row.innerText(), /push on/);
    }
    await ui.screenshot('gitlab commit titles');
  });

  it('aggregates the GitHub and GitLab runs of the current branches in the status bar', async () => {
    const item = ui.page.locator('.statusbar-item[id$="flowforge.status"]').first();
    await item.waitFor({ timeout: 30_000 });
    const aria = await waitFor(async () => {
      const label = (await item.getAttribute('aria-label')) ?? '';
      return /\+\d/.test(await item.innerText()) ? label : undefined;
    }, { timeout: 30_000, message: 'a status bar item counting more than one pipeline (+N)' });
    assert.match(aria, /^Build /);
    await item.hover();
    const hover = ui.page.locator('.monaco-hover, .workbench-hover', { hasText: 'FlowForge: current branch' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const text = await hover.innerText();
    await ui.screenshot('gitlab status bar tooltip');
    // appendText keeps the spaces as no-break spaces: \s matches both.
    assert.match(text, new RegExp(`${project}\\s·\\sPipeline\\s#51\\s·`), `tooltip: ${JSON.stringify(text)}`);
    assert.match(text, new RegExp(`${ui.definition.demo.repository}\\s·\\sCI\\s#12\\s·`), `tooltip: ${JSON.stringify(text)}`);
    await ui.page.mouse.move(700, 400);
  });

  it('lists the GitLab instance in FlowForge: Set Token… and signs in with its token', async () => {
    await ui.command('FlowForge: Set Token…');
    const items = ui.page.locator('.quick-input-list .monaco-list-row');
    // The palette's own row can still be listed for a moment after the command runs, and the
    // pick's rows can be read while the list is still rendering: wait for both providers.
    let labels = [];
    const both = (ls) => ls.some((l) => /^GitLab/.test(l)) && ls.some((l) => /^GitHub/.test(l));
    await waitFor(async () => both(labels = await items.allInnerTexts()), { timeout: 15_000, message: `a GitLab and a GitHub item in the provider pick (items: ${JSON.stringify(labels)})` }).catch(() => undefined);
    assert.ok(labels.some((l) => /^GitLab/.test(l)), `no GitLab item in ${JSON.stringify(labels)}`);
    assert.ok(labels.some((l) => /GitHub/.test(l)), `no GitHub item in ${JSON.stringify(labels)}`);
    await ui.screenshot('gitlab set token items');
    await ui.answer('GitLab', { item: 'GitLab' });
    await ui.answer(ui.gitlab.token);
    const text = await ui.notification(/signed in/i);
    assert.match(text, new RegExp(ui.gitlab.definition.user.username));
  });

  it('opens the failed GitLab pipeline: its job trace with sections and its failing tests', async () => {
    const row = await ui.waitRow(/#50 (Pipeline: )?Invoice PDF: first draft/, 60_000);
    await row.click();
    const view = ui.webview();
    await view.locator('.run-header h1', { hasText: '#50' }).waitFor({ timeout: 30_000 });
    // GitLab's pipeline list has no user, started_at or finished_at: FlowForge reads them from the
    // single pipeline (queued 6 s, then ran until 34 s), so the header says who started it and the
    // time it ran, not the time since it was created.
    const facts = await view.locator('.run-header').innerText();
    assert.match(facts, /by gl-demo/, `run header: ${JSON.stringify(facts)}`);
    assert.match(facts, /took 28s/, `run header: ${JSON.stringify(facts)}`);
    // The failed unit-tests job is selected first; its trace shows GitLab sections as foldable groups.
    await view.locator('nav.jobs button.job', { hasText: 'unit-tests' }).click();
    await view.locator('.log-body .row', { hasText: 'rounds half-cents up' }).first().waitFor({ timeout: 30_000 });
    await view.locator('.checks-summary', { hasText: '2 failing tests' }).waitFor({ timeout: 30_000 });
    await view.locator('.tabs button.tab', { hasText: 'Checks' }).click();
    const failure = view.locator('.checks-pane li.failure', { hasText: 'rounds half-cents up' });
    await failure.waitFor({ timeout: 30_000 });
    assert.match(await failure.innerText(), /test\/rounding\.test\.ts[\s\S]*expected 10\.01 to equal 10\.02/);
    await view.locator('.checks-pane li.failure', { hasText: 'applies the reverse charge' }).waitFor();
    await ui.screenshot('gitlab run panel failing tests');
  });

  it('lists the code-quality report of the failed GitLab pipeline in its Checks tab', async () => {
    const view = ui.webview();
    await view.locator('.run-header h1', { hasText: '#50' }).waitFor({ timeout: 30_000 });
    await view.locator('.checks-summary', { hasText: '1 failed check' }).waitFor({ timeout: 30_000 });
    const check = view.locator('.checks-pane li.check', { has: view.locator('h3', { hasText: 'Code Quality' }) });
    await check.waitFor({ timeout: 30_000 });
    const major = check.locator('li.annotation.level-failure', { hasText: 'billing/no-float-rounding' });
    assert.match(await major.innerText(), /src\/invoice\/total\.ts:27[\s\S]*Unexpected floating-point rounding/);
    assert.match(await check.locator('li.annotation.level-warning').innerText(), /src\/pdf\.ts:12[\s\S]*'unused' is defined but never used/);
    await ui.screenshot('gitlab run panel code quality');
  });

  it('jumps to the first real error of the failed GitLab job, above the runner summary', async () => {
    const view = ui.webview();
    await view.locator('.run-header h1', { hasText: '#50' }).waitFor({ timeout: 30_000 });
    await view.locator('.tabs button.tab', { hasText: 'Logs' }).click();
    await view.locator('nav.jobs button.job', { hasText: 'unit-tests' }).click();
    await view.locator('.log-view[data-loaded="true"]').waitFor({ timeout: 30_000 });
    // The trace ends with the runner's "ERROR: Job failed: exit code 1" (GitLab's descriptor marks it);
    // the cause above it is the failed assertion (a common test-runner shape).
    await view.locator('.log-body .row.k-error', { hasText: 'ERROR: Job failed: exit code 1' }).first().waitFor({ timeout: 10_000 });
    await view.locator('button[aria-label="Jump to first error"]').click();
    const selected = view.locator('.log-body .row.selected');
    await selected.first().waitFor({ timeout: 10_000 });
    assert.equal(await selected.count(), 1);
    assert.match(await selected.innerText(), /AssertionError: expected 10\.01 to equal 10\.02/);
    assert.match((await selected.getAttribute('class')) ?? '', /\bk-error\b/);
    assert.equal(await view.locator('.log-status', { hasText: 'No errors' }).count(), 0);
    await ui.screenshot('gitlab run panel jump to first error');
  });
});
