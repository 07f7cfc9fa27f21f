// UI test harness: the moving scenario (paused; tests advance it), a demo workspace,
// code-server with the built VSIX installed, and headless chromium on the workbench.
// Helpers use the selectors measured for VS Code 1.139 (see /work/shared/e2e-notes.md).

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startCodeServer } from '../../../scripts/e2e/codeServer.mjs';
import { launchBrowser } from '../../../scripts/e2e/browser.mjs';
import { createWorkspace, flowforgeSettings } from '../../../scripts/e2e/workspace.mjs';
import { waitFor } from '../../../scripts/e2e/lib.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');

/**
 * Starts everything. `E2E_SCENARIO_URL` (from run.mjs) reuses a running scenario server;
 * otherwise one is started here from out/test/fakes/scenario (compile it first).
 * `settings` are added to the user settings (e.g. { 'flowforge.notifications': 'all' }); `start` is the
 * scenario time to start at (e.g. -1: before the live runs, the history's latest runs are the newest).
 * The demo's `files` (demo.json: paths the annotations point at) are written into the workspace
 * when scripts/e2e/workspace.mjs did not create them.
 */
export async function startUi({ speed = 0, start = 0, settings: extraSettings = {} } = {}) {
  const vsix = process.env.E2E_VSIX ?? path.join(ROOT, 'flowforge.vsix');
  if (!existsSync(vsix)) throw new Error(`no VSIX at ${vsix}: run npm run package first`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const { startScenarioServer } = await import(pathToFileURL(path.join(ROOT, 'out', 'test', 'fakes', 'scenario', 'server.js')).href);
  const scenario = await startScenarioServer({ speed, start });
  const definition = scenario.definition;
  const settings = flowforgeSettings(scenario.url, definition);
  const workspace = createWorkspace({ ...definition.demo, webUrl: scenario.url, prefix: 'flowforge-ui-' });
  for (const [file, content] of Object.entries(definition.demo.files ?? {})) {
    const target = path.join(workspace.dir, file);
    if (existsSync(target)) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  const server = await startCodeServer({
    folder: workspace.dir,
    settings: { ...settings, 'workbench.colorTheme': 'Default Dark Modern', ...extraSettings },
    env: { FLOWFORGE_GITHUB_TOKEN: definition.tokens[0] },
    vsix,
    logFile: path.join(ARTIFACTS, 'ui-code-server.log'),
  });
  const { page, close } = await launchBrowser();
  const ui = new Ui(page, scenario, definition);
  ui.stop = async () => {
    await close();
    await server.stop();
    await scenario.close();
    workspace.remove();
  };
  await page.goto(server.workbenchUrl(workspace.dir));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return ui;
}

export class Ui {
  constructor(page, scenario, definition) {
    this.page = page;
    this.scenario = scenario;
    this.definition = definition;
    this.goodToken = definition.tokens[0];
    this.stop = async () => {};
  }

  async screenshot(name) {
    const file = path.join(ARTIFACTS, `ui-${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Opens the FlowForge view container from the activity bar. */
  async openFlowForge() {
    const icon = this.page.locator('.activitybar .action-item a[aria-label^="FlowForge"]');
    await icon.waitFor({ timeout: 30_000 });
    const checked = await icon.getAttribute('aria-expanded').catch(() => null);
    const selected = await this.page.locator('.activitybar .action-item.checked a[aria-label^="FlowForge"]').count();
    if (!selected && checked !== 'true') await icon.click();
    // With one view in the container VS Code hides the view's header: wait for the side bar title.
    await this.page.locator('.part.sidebar .composite.title', { hasText: /FlowForge/i }).first().waitFor({ timeout: 30_000 });
  }

  /** Tree rows of the side bar whose text matches. */
  row(text) {
    return this.page.locator('.part.sidebar .monaco-list-row', { hasText: text });
  }

  async waitRow(text, timeout = 30_000) {
    await this.row(text).first().waitFor({ timeout });
    return this.row(text).first();
  }

  /** Runs a command from the palette by its title. */
  async command(title) {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Answers the open quick pick / input box: types `text`, waits for a matching item if asked, Enter. */
  async answer(text, { item } = {}) {
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    if (item) await this.page.locator('.quick-input-list .monaco-list-row', { hasText: item }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  async closeQuickInput() {
    if (await this.page.locator('.quick-input-widget').isVisible().catch(() => false)) await this.page.keyboard.press('Escape');
  }

  /**
   * Waits for a notification whose text matches and returns its text: as a toast, or (toasts of
   * info messages can hide quickly, or stay hidden behind a progress toast) in the notification center.
   */
  async notification(text, timeout = 20_000) {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    try {
      await toast.waitFor({ timeout: Math.min(timeout, 8_000) });
      return await toast.innerText();
    } catch {
      await this.command('Notifications: Show Notifications');
      const item = this.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
      await item.waitFor({ timeout });
      return item.innerText();
    }
  }

  async clearNotifications() {
    await this.command('Notifications: Clear All Notifications');
    await this.page.keyboard.press('Escape');
  }

  /** FlowForge's status bar item for `text` (e.g. "CI #12"): { text, icons } where icons are codicon names. */
  async statusItem(text) {
    const item = this.page.locator('.statusbar-item', { hasText: text }).first();
    if (!(await item.count())) return undefined;
    const icons = await item.locator('.codicon').evaluateAll((els) => els.map((el) => [...el.classList].filter((c) => c.startsWith('codicon-')).join(' ')));
    return { text: (await item.innerText()).trim(), icons: icons.join(' ') };
  }

  /** Waits until the status bar item for `text` has an icon matching `iconPattern`. */
  async waitStatus(text, iconPattern, timeout = 30_000) {
    let last;
    return waitFor(async () => {
      last = await this.statusItem(text);
      return last && iconPattern.test(last.icons) ? last : undefined;
    }, { timeout, message: `status bar "${text}" with icon ${iconPattern} (last: ${JSON.stringify(last)})` });
  }

  /** Moves the scenario clock. */
  advance(seconds) {
    this.scenario.advance(seconds);
  }

  advanceToEnd() {
    this.scenario.advanceToEnd();
  }

  /** The document inside the active webview panel (run details). */
  webview() {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  /** The tree row whose text matches `text` and whose aria-label matches `labelPattern` (e.g. /, cancelled,/). */
  async waitRowLabel(text, labelPattern, timeout = 30_000) {
    let last;
    return waitFor(async () => {
      const rows = this.row(text);
      const labels = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
      last = labels;
      return labels.find((label) => labelPattern.test(label));
    }, { timeout, message: `tree row ${text} with aria-label ${labelPattern} (last: ${JSON.stringify(last)})` });
  }

  /** Expands the (first) tree row whose text matches, if it is collapsed. */
  async expandRow(text, timeout = 30_000) {
    const row = await this.waitRow(text, timeout);
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    await waitFor(async () => (await row.getAttribute('aria-expanded')) === 'true', { timeout: 10_000, message: `tree row ${text} expanded` });
    return row;
  }

  /** Waits for a quick pick / input box whose title matches, then answers it like `answer`. */
  async answerWhen(titlePattern, text, options = {}) {
    const title = this.page.locator('.quick-input-widget .quick-input-title', { hasText: titlePattern });
    await title.first().waitFor({ state: 'visible', timeout: 20_000 });
    await this.answer(text, options);
  }

  /** Clicks a button of the open modal dialog (e.g. the confirmation of Cancel Run). */
  async dialogButton(name, timeout = 20_000) {
    const button = this.page.locator('.monaco-dialog-box .dialog-buttons a, .monaco-dialog-box .dialog-buttons button', { hasText: name }).first();
    await button.waitFor({ timeout });
    await button.click();
  }

  /** Waits for the fake to record a mutation (dispatch, cancel, rerun-failed-jobs, review-deployments…) matching `predicate`. */
  async waitMutation(kind, predicate = () => true, timeout = 20_000) {
    return waitFor(() => this.scenario.mutations.find((m) => m.kind === kind && predicate(m)), { timeout, message: `a ${kind} request (seen: ${JSON.stringify(this.scenario.mutations)})` });
  }
}
