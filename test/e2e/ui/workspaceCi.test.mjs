// CI in the workspace, in a real VS Code (code-server + chromium). Detection: the GitHub-only
// scenario's workspace also has a .gitlab-ci.yml, and FlowForge has no GitLab token (only
// FLOWFORGE_GITHUB_TOKEN): FlowForge offers to sign in to exactly GitLab, once, and the offer leads to
// GitLab's token box. CodeLens: the CI workflow's file shows "Run Workflow" and its latest run,
// which opens the run panel. Screenshots: artifacts/e2e/ui-detection-*.png.

import assert from 'node:assert/strict';
import { waitFor } from '../../../scripts/e2e/lib.mjs';
import { shotName, startUi } from './harness.mjs';

describe('FlowForge UI: CI in the workspace', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui} */
  let ui;

  before(async function () {
    this.timeout(180_000);
    ui = await startUi({
      files: {
        '.gitlab-ci.yml': 'test:\n  script: npm test\n',
        '.github/workflows/ci.yml': 'name: CI\non: [push, workflow_dispatch]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      },
    });
    await ui.openFlowForge();
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (!ui) return;
    await ui.screenshot(`detection ${shotName(this.currentTest)}`).catch(() => {});
    await ui.closeQuickInput();
  });

  it('offers to sign in to GitLab for the .gitlab-ci.yml, and not to GitHub, which has a token', async () => {
    const text = await ui.notification('FlowForge found GitLab configuration (.gitlab-ci.yml)', 60_000);
    assert.match(text, /Sign in to see its pipelines/);
    const offers = await ui.page.locator('.notification-toast, .notifications-center').allInnerTexts();
    assert.ok(!offers.join('\n').includes('FlowForge found GitHub'), `GitHub offered although signed in: ${offers.join(' | ')}`);
  });

  it('"Sign In to GitLab" opens the GitLab token input', async () => {
    const button = ui.page.locator('.notification-toast .monaco-button, .notifications-center .monaco-button', { hasText: 'Sign In to GitLab' }).first();
    await button.click();
    const title = ui.page.locator('.quick-input-widget .quick-input-title');
    await title.waitFor({ timeout: 20_000 });
    assert.match(await title.innerText(), /GitLab/);
  });

  it('the workflow file shows Run Workflow and its latest run as CodeLenses; the run lens opens the run panel', async () => {
    await ui.page.keyboard.press('Escape');
    await ui.command('Go to File...');
    await ui.answer('.github/workflows/ci.yml', { item: 'ci.yml' });
    const lens = ui.page.locator('.monaco-editor .codelens-decoration');
    await lens.first().waitFor({ timeout: 30_000 });
    const text = async () => (await lens.allInnerTexts()).join(' | ');
    await waitFor(async () => /Latest run: #12 /.test(await text()), { timeout: 30_000, message: 'the latest run lens' });
    assert.match(await text(), /Run Workflow/);
    await ui.screenshot('detection workflow file lenses');
    await ui.page.locator('.monaco-editor .codelens-decoration a', { hasText: /Latest run: #12/ }).first().click();
    await ui.webview().locator('.run-header h1', { hasText: 'CI #12' }).waitFor({ timeout: 30_000 });
  });
});
