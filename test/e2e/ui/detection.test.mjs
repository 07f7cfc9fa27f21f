// CI detection in a real VS Code (code-server + chromium): the GitHub-only scenario's workspace
// also has a .gitlab-ci.yml, and FlowForge has no GitLab token (only FLOWFORGE_GITHUB_TOKEN):
// FlowForge offers to sign in to exactly GitLab, once, and the offer leads to GitLab's token box.
// Screenshots: artifacts/e2e/ui-detection-*.png.

import assert from 'node:assert/strict';
import { shotName, startUi } from './harness.mjs';

describe('FlowForge UI: CI detection', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui} */
  let ui;

  before(async function () {
    this.timeout(180_000);
    ui = await startUi({ files: { '.gitlab-ci.yml': 'test:\n  script: npm test\n' } });
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
});
