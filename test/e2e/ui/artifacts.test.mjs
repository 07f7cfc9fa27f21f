// Artifacts in a real VS Code (code-server + chromium) against the scenario paused before its live
// runs: the failed CI #11 has three artifacts (coverage, build-log, and old-bundle, expired), see
// test/fakes/scenario/artifacts.ts. The zip download redirects to the fake's blob storage on another
// origin, which records whether a credential arrived. Screenshots: artifacts/e2e/ui-artifacts-*.png.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { waitFor } from '../../../scripts/e2e/lib.mjs';
import { ROOT, shotName, startUi } from './harness.mjs';

const FAILED_RUN = /#11 (CI: )?Add express checkout button/;

describe('FlowForge UI: artifacts', function () {
  this.timeout(180_000);
  /** @type {import('./harness.mjs').Ui} */
  let ui;
  let folder = '';
  let expected = Buffer.alloc(0);
  let files = {};

  before(async function () {
    this.timeout(240_000);
    const { SCENARIO_ARTIFACT_FILES } = await import(pathToFileURL(path.join(ROOT, 'out', 'test', 'fakes', 'scenario', 'artifacts.js')).href);
    const { storedZip } = await import(pathToFileURL(path.join(ROOT, 'out', 'test', 'fakes', 'kit', 'zip.js')).href);
    files = SCENARIO_ARTIFACT_FILES.coverage;
    expected = storedZip(files);
    folder = mkdtempSync(path.join(os.tmpdir(), 'flowforge-artifacts-'));
    ui = await startUi({ speed: 0, start: -1 });
  });

  after(async () => {
    await ui?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (ui) await ui.screenshot(`artifacts ${shotName(this.currentTest)}`).catch(() => {});
  });

  it('lists the run\'s artifacts in the run panel, the expired one as expired', async () => {
    await ui.openFlowForge();
    const view = await ui.openRunPanel(FAILED_RUN, 'CI #11');
    const tab = view.locator('.tabs button.tab', { hasText: 'Artifacts' });
    await tab.waitFor({ timeout: 30_000 });
    await tab.click();
    const rows = view.locator('.artifacts-pane li.artifact');
    await waitFor(async () => (await rows.count()) === 3, { timeout: 20_000, message: 'three artifacts in the panel' });
    const coverage = view.locator('li.artifact[data-artifact="coverage"]');
    assert.match(await coverage.innerText(), /coverage[\s\S]*B/);
    const old = view.locator('li.artifact[data-artifact="old-bundle"]');
    assert.match((await old.getAttribute('class')) ?? '', /\bexpired\b/);
    assert.match(await old.innerText(), /Expired/);
    assert.equal(await old.locator('button').count(), 0, 'an expired artifact offers no download');
  });

  it('lists them under the run in the tree, loaded on expand', async () => {
    await ui.expandRow(FAILED_RUN);
    await ui.expandRow(/^Artifacts$/);
    await ui.waitRow('build-log');
    const label = await ui.waitRowLabel('old-bundle', /expired/);
    assert.match(label, /old-bundle/);
  });

  it('downloads an artifact to the picked folder: the bytes on disk are the fake\'s, and the storage host saw no token', async () => {
    const view = ui.webview();
    await view.locator('.tabs button.tab', { hasText: 'Artifacts' }).click();
    await view.locator('li.artifact[data-artifact="coverage"] button[aria-label="Download coverage"]').click();
    // code-server's folder dialog is the simple file dialog: a quick input holding a path.
    const input = ui.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    await input.fill(`${folder}/`);
    // The dialog reads the typed folder asynchronously: accept only once it lists that folder's
    // (empty) contents, then press Enter while the dialog still shows our path.
    await ui.page.waitForTimeout(1_500);
    const saved = path.join(folder, 'coverage.zip');
    await waitFor(async () => {
      if (existsSync(saved)) return true;
      const open = await input.isVisible().catch(() => false);
      const value = open ? await input.inputValue().catch(() => '') : '';
      if (open && value.startsWith(folder)) await ui.page.keyboard.press('Enter');
      else if (open) await input.fill(`${folder}/`);
      return false;
    }, { timeout: 30_000, interval: 1_500, message: `coverage.zip in ${folder} (files: ${JSON.stringify(readdirSync(folder))})` });
    await ui.notification('Saved');
    assert.deepEqual(readFileSync(saved), expected, 'the downloaded bytes are the fake artifact\'s');
    assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith('.part')), [], 'no partial file left');
    const storage = await (await fetch(`${ui.scenario.url}/__scenario/storage`)).json();
    assert.ok(storage.length > 0, 'the download went through the storage host');
    assert.deepEqual(storage.filter((request) => request.credentials), [], 'the storage host never saw a credential');
  });

  it('extracts the downloaded zip on request', async () => {
    const toast = ui.page.locator('.notification-toast', { hasText: 'Saved' }).first();
    const extract = toast.locator('.monaco-button', { hasText: 'Extract' });
    if (await extract.count()) {
      await extract.click();
    } else {
      await ui.command('Notifications: Show Notifications');
      await ui.page.locator('.notifications-center .notification-list-item', { hasText: 'Saved' }).first().locator('.monaco-button', { hasText: 'Extract' }).click();
    }
    await ui.notification('Extracted to');
    for (const [name, content] of Object.entries(files)) {
      assert.equal(readFileSync(path.join(folder, 'coverage', name), 'utf8'), content, `${name} extracted`);
    }
  });

  it('opens a one-file text artifact in an editor', async () => {
    const view = ui.webview();
    await view.locator('.tabs button.tab', { hasText: 'Artifacts' }).click();
    await view.locator('li.artifact[data-artifact="build-log"] button[aria-label="Open build-log in an editor"]').click();
    const tab = ui.page.locator('.tabs-container .tab', { hasText: 'build.log' }).first();
    await tab.waitFor({ timeout: 30_000 });
    await ui.page.locator('.monaco-editor .view-lines', { hasText: 'Build finished in 42 s' }).first().waitFor({ timeout: 20_000 });
  });
});
