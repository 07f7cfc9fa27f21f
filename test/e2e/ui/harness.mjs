// UI test harness: the moving scenario (paused; tests advance it), a demo workspace,
// code-server with the built VSIX installed, and headless chromium on the workbench.
// Helpers use the selectors measured for VS Code 1.139 (see /work/shared/e2e-notes.md).

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startCodeServer } from '../../../scripts/e2e/codeServer.mjs';
import { launchBrowser } from '../../../scripts/e2e/browser.mjs';
import { startScenarioWithGitLab } from '../../../scripts/e2e/integration.mjs';
import { azureCheckout, azureEnv, azureSettings, bitbucketCheckout, bitbucketEnv, bitbucketSettings, buildkiteEnv, buildkiteSettings, createWorkspace, flowforgeSettings, gitlabCheckout, gitlabEnv, gitlabSettings, jenkinsEnv, jenkinsSettings } from '../../../scripts/e2e/workspace.mjs';
import { sleep, waitFor } from '../../../scripts/e2e/lib.mjs';

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
export async function startUi({ speed = 0, start = 0, settings: extraSettings = {}, files = {} } = {}) {
  const vsix = process.env.E2E_VSIX ?? path.join(ROOT, 'flowforge.vsix');
  if (!existsSync(vsix)) throw new Error(`no VSIX at ${vsix}: run npm run package first`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const { startScenarioServer } = await import(pathToFileURL(path.join(ROOT, 'out', 'test', 'fakes', 'scenario', 'server.js')).href);
  const scenario = await startScenarioServer({ speed, start });
  const definition = scenario.definition;
  const settings = flowforgeSettings(scenario.url, definition);
  const workspace = createWorkspace({ ...definition.demo, webUrl: scenario.url, prefix: 'flowforge-ui-' });
  writeDemoFiles(workspace, definition, files);
  const server = await startCodeServer({
    folder: workspace.dir,
    settings: { ...settings, 'workbench.colorTheme': 'Default Dark Modern', ...extraSettings },
    env: { FLOWFORGE_GITHUB_TOKEN: definition.tokens[0] },
    vsix,
    logFile: path.join(ARTIFACTS, 'ui-code-server.log'),
  });
  return openWorkbench(server, scenario, workspace);
}

/** The files the demo's annotations point at (the Problems panel shows only files the workspace has). */
function writeDemoFiles(workspace, definition, extra = {}) {
  for (const [file, content] of Object.entries({ ...(definition.demo.files ?? {}), ...extra })) {
    const target = path.join(workspace.dir, file);
    if (existsSync(target)) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

/** Chromium on the workbench of `server`; ui.stop() closes the browser, code-server, the scenario and the workspace. */
async function openWorkbench(server, scenario, workspace) {
  const { page, close } = await launchBrowser();
  const ui = new Ui(page, scenario, scenario.definition);
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

/**
 * The mocha hooks of one provider's UI suite, registered in the calling `describe`: starts the demo
 * UI with `options` (see startGitLabUi) and opens the FlowForge view, hands it to `onStarted`,
 * screenshots every test as `<shotPrefix> <test>`, closes open inputs after a failed test, and
 * stops everything at the end.
 */
export function useProviderUi(shotPrefix, options, onStarted) {
  let ui;
  before(async function () {
    this.timeout(180_000);
    ui = await startGitLabUi(options);
    onStarted(ui);
    await ui.openFlowForge();
  });
  after(async () => {
    await ui?.stop();
  });
  afterEach(async function () {
    if (!ui) return;
    await ui.screenshot(`${shotPrefix} ${shotName(this.currentTest)}`).catch(() => {});
    if (this.currentTest?.state === 'failed') for (let i = 0; i < 3; i++) await ui.page.keyboard.press('Escape');
  });
}

/**
 * Like startUi, with the GitLab part of the scenario (ui.gitlab: the fake GitLab on the same clock,
 * its token, definition and server) and the nested GitLab checkout in the workspace.
 * `gitlabToken` replaces the scenario's GitLab token in FLOWFORGE_GITLAB_TOKEN (e.g. a read_api token
 * added with `tokens`: [{ token, scopes }] for the scenario's user).
 * `buildkite: true` adds the Buildkite part (ui.buildkite: the fake Buildkite REST API on the same clock,
 * its pipelines as flowforge.repositories entries, FLOWFORGE_BUILDKITE_TOKEN); `jenkins: true` the Jenkins
 * part (ui.jenkins: the fake Jenkins on the same clock, flowforge.jenkins.servers, FLOWFORGE_JENKINS_USER/TOKEN).
 * `bitbucket: true` / `azure: true` add the Bitbucket / Azure Pipelines parts (ui.bitbucket, ui.azure: the
 * fakes on the same clock) with a nested checkout each whose origin is the repository on the fake, so
 * FlowForge finds them from the remotes; their host settings are user settings, their tokens env vars.
 */
export async function startGitLabUi({ speed = 0, settings: extraSettings = {}, prefix = 'flowforge-ui-gl-', logName = 'ui-gitlab-code-server.log', tokens = [], gitlabToken, buildkite: withBuildkite = false, jenkins: withJenkins = false, bitbucket: withBitbucket = false, azure: withAzure = false } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const scenario = await startScenarioWithGitLab({ speed, buildkite: withBuildkite, jenkins: withJenkins, bitbucket: withBitbucket, azure: withAzure });
  const { definition, gitlab, buildkite, jenkins, bitbucket, azure } = scenario;
  const jenkinsParts = jenkins ? { settings: jenkinsSettings(jenkins), env: jenkinsEnv(jenkins) } : { settings: {}, env: {} };
  const base = flowforgeSettings(scenario.url, definition);
  const buildkiteParts = buildkite ? { settings: buildkiteSettings(buildkite, base['flowforge.repositories']), env: buildkiteEnv(buildkite) } : { settings: {}, env: {} };
  for (const { token, scopes } of tokens) gitlab.server.state.tokens.set(token, { token, username: gitlab.definition.user.username, scopes });
  const more = [bitbucket && { checkout: bitbucketCheckout(bitbucket), settings: bitbucketSettings(bitbucket), env: bitbucketEnv(bitbucket) }, azure && { checkout: azureCheckout(azure), settings: azureSettings(azure), env: azureEnv(azure) }].filter(Boolean);
  const workspace = createWorkspace({ ...definition.demo, webUrl: scenario.url, prefix, gitlab: gitlabCheckout(gitlab), checkouts: more.map((m) => m.checkout) });
  writeDemoFiles(workspace, definition);
  let server;
  try {
    server = await startCodeServer({
      folder: workspace.dir,
      settings: { ...base, ...gitlabSettings(gitlab), ...buildkiteParts.settings, ...jenkinsParts.settings, ...Object.assign({}, ...more.map((m) => m.settings)), 'workbench.colorTheme': 'Default Dark Modern', ...extraSettings },
      env: { FLOWFORGE_GITHUB_TOKEN: definition.tokens[0], ...gitlabEnv(gitlab), ...(gitlabToken ? { FLOWFORGE_GITLAB_TOKEN: gitlabToken } : {}), ...buildkiteParts.env, ...jenkinsParts.env, ...Object.assign({}, ...more.map((m) => m.env)) },
      vsix: process.env.E2E_VSIX ?? path.join(ROOT, 'flowforge.vsix'),
      logFile: path.join(ARTIFACTS, logName),
    });
  } catch (err) {
    await scenario.close();
    workspace.remove();
    throw err;
  }
  const ui = await openWorkbench(server, scenario, workspace);
  ui.gitlab = gitlab;
  if (buildkite) ui.buildkite = buildkite;
  if (jenkins) ui.jenkins = jenkins;
  if (bitbucket) ui.bitbucket = bitbucket;
  if (azure) ui.azure = azure;
  ui.workspace = workspace;
  return ui;
}

/**
 * Screenshot name of a finished test: its title, and for a failed attempt "failed attempt N", so a
 * retry that passes does not overwrite the picture of the attempt that failed.
 */
export function shotName(test) {
  const failed = test?.state === 'failed' ? ` failed attempt ${(test.currentRetry?.() ?? 0) + 1}` : '';
  return `${test?.title ?? 'test'}${failed}`;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

  /**
   * Runs a command from the palette by its title. A webview that holds the focus (a run panel
   * following a live log) can swallow F1 or close the palette as it opens: then focus the
   * workbench and open it again, up to three times, and say what was in the way.
   */
  async command(title) {
    const input = this.page.locator('.quick-input-widget input.input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await this.settleWebview();
    let last;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.closeQuickInput();
        if (attempt > 0) await this.page.locator('.part.sidebar .composite.title').first().click({ timeout: 5_000 }).catch(() => {});
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(`>${title}`, { timeout: 10_000 });
        await row.waitFor({ timeout: 10_000 });
        last = undefined;
        break;
      } catch (err) {
        const dialog = await this.page.locator('.monaco-dialog-box').allInnerTexts().catch(() => []);
        const focused = await this.page.evaluate(() => { const a = globalThis.document.activeElement; return a ? `${a.tagName}.${a.className}`.slice(0, 80) : ''; }).catch(() => '');
        last = new Error(`running ${JSON.stringify(title)}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}; dialog ${JSON.stringify(dialog)}, focus ${focused}`);
      }
    }
    if (last) throw last;
    // A longer title can sort first ("Re-run Failed Jobs" for "Re-run Job"): pick the exact one.
    const exact = this.page.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });
    if (await exact.count()) await exact.first().click();
    else await this.page.keyboard.press('Enter');
  }

  /** Answers the open quick pick / input box: types `text`, waits for a matching item if asked, Enter. */
  async answer(text, { item } = {}) {
    const input = this.page.locator('.quick-input-widget input.input');
    try {
      await input.waitFor({ state: 'visible' });
      await input.fill(text);
      if (item) await this.page.locator('.quick-input-list .monaco-list-row', { hasText: item }).first().waitFor();
    } catch (err) {
      // Say what was on screen: the quick input's title and rows, and any modal dialog in the way.
      const read = async (selector) => (await this.page.locator(selector).allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
      const inert = await this.page.evaluate(() => [...globalThis.document.querySelectorAll('[inert]')].map((e) => `${e.tagName}.${e.className}`.slice(0, 80))).catch(() => []);
      const focused = await this.page.evaluate(() => { const a = globalThis.document.activeElement; return a ? `${a.tagName}.${a.className}`.slice(0, 80) : ''; }).catch(() => '');
      const seen = { title: await read('.quick-input-widget .quick-input-title'), rows: (await read('.quick-input-list .monaco-list-row')).slice(0, 8), dialog: await read('.monaco-dialog-box .dialog-message'), inert, focused };
      throw new Error(`answering ${JSON.stringify(text)}${item ? ` (item ${JSON.stringify(item)})` : ''}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}; on screen: ${JSON.stringify(seen)}`);
    }
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

  /** Opens the context menu of a tree row (a locator, or the first row whose text matches) and returns its item titles. */
  async contextMenuItems(row) {
    const target = typeof row === 'string' || row instanceof RegExp ? await this.waitRow(row) : row;
    await this.closeContextMenu();
    await target.click({ button: 'right' });
    const items = this.page.locator('.context-view .monaco-menu .action-item .action-label');
    await items.first().waitFor({ timeout: 10_000 });
    return (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  /** Right-clicks a tree row and clicks the context menu item `title` (the command title without "FlowForge: "). */
  async contextMenu(row, title) {
    const items = await this.contextMenuItems(row);
    if (!items.includes(title)) {
      await this.closeContextMenu();
      throw new Error(`no "${title}" in the context menu (items: ${JSON.stringify(items)})`);
    }
    const item = this.page.locator('.context-view .monaco-menu .action-item', { has: this.page.locator('.action-label', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) }).first();
    const menu = this.page.locator('.context-view .monaco-menu');
    await item.hover();
    await item.click();
    // A menu can swallow a click that comes right after it opened: fall back to the keyboard
    // (hovering focuses the item) when the menu is still up.
    if (!(await menu.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false))) {
      await item.hover();
      await this.page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden', timeout: 10_000 });
    }
  }

  async closeContextMenu() {
    if (await this.page.locator('.context-view .monaco-menu').isVisible().catch(() => false)) await this.page.keyboard.press('Escape');
  }

  /** Titles of the inline action icons of a tree row (shown on hover). */
  async inlineActions(row) {
    const target = typeof row === 'string' || row instanceof RegExp ? await this.waitRow(row) : row;
    await target.hover();
    const labels = target.locator('.actions .action-item a.action-label');
    return labels.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.getAttribute('title') ?? ''));
  }

  /** Clicks the inline action icon `title` of a tree row. */
  async inlineAction(row, title) {
    const target = typeof row === 'string' || row instanceof RegExp ? await this.waitRow(row) : row;
    let labels = [];
    await waitFor(async () => (labels = await this.inlineActions(target)).includes(title), { timeout: 10_000, message: `inline icon "${title}" on the row (icons: ${JSON.stringify(labels)})` });
    await target.locator(`.actions .action-item a.action-label[aria-label="${title}"]`).first().click();
  }

  /** Sets a tree row (first match) expanded or collapsed through its twistie. */
  async setExpanded(text, expanded) {
    const row = await this.waitRow(text);
    const want = String(expanded);
    if ((await row.getAttribute('aria-expanded')) !== want) await row.locator('.monaco-tl-twistie').click();
    await waitFor(async () => (await row.getAttribute('aria-expanded')) === want, { timeout: 10_000, message: `tree row ${text} aria-expanded=${want}` });
  }

  /** The first tree row whose aria-label starts with `prefix` ("flowforge-demo/storefront Bitbucket", "Webshop,"). */
  labelled(prefix) {
    return this.page.locator(`.part.sidebar .monaco-list-row[aria-label^="${prefix}"]`).first();
  }

  /** Expands or collapses a tree row (a locator), clicking again while a poll's re-render swallows the click. */
  async holdExpanded(row, expanded) {
    await row.waitFor({ timeout: 60_000 });
    await waitFor(async () => {
      if ((await row.getAttribute('aria-expanded')) === String(expanded)) return true;
      // A hover left by the pointer (the activity bar's "FlowForge") takes the clicks: move away first.
      await this.page.mouse.move(700, 400);
      await row.locator('.monaco-tl-twistie').click({ timeout: 5_000 }).catch(() => {});
      await sleep(500);
      return (await row.getAttribute('aria-expanded')) === String(expanded);
    }, { timeout: 15_000, interval: 500, message: `row ${await row.getAttribute('aria-label')} aria-expanded=${expanded}` });
  }

  /**
   * Folds the scenario's GitHub repositories and the GitLab project (startGitLabUi), then opens the
   * repository row labelled `label` and its child rows whose text matches `groups`.
   */
  async showRepository(label, groups = []) {
    const repo = this.labelled(label);
    await repo.waitFor({ timeout: 60_000 });
    for (const r of this.definition.repositories) await this.holdExpanded(this.labelled(`${r.owner}/${r.name} GitHub`), false);
    if (this.gitlab) await this.holdExpanded(this.labelled(`${this.gitlab.definition.project.path} GitLab`), false);
    await this.holdExpanded(repo, true);
    for (const group of groups) await this.holdExpanded(this.row(group).first(), true);
  }

  /** Clicks the run row matching `row` and waits for the run panel's header `header`; returns the panel. */
  async openRunPanel(row, header) {
    await (await this.waitRow(row, 60_000)).click();
    const view = this.webview();
    await view.locator('.run-header h1', { hasText: header }).waitFor({ timeout: 30_000 });
    await this.settleWebview({ opened: true });
    return view;
  }

  /**
   * Lets a webview panel (run panel, insights) finish taking the focus, then parks the focus on the
   * side bar's tree. A webview focuses itself asynchronously once it has loaded, and a closing quick
   * pick returns the focus to the element focused before it, or, when that was nothing focusable
   * (BODY), to the active editor: the webview, whose focus then lands while the next quick pick of a
   * multi-step command is open and closes it (IFRAME.webview becomes activeElement). With the focus
   * on the tree, closed quick picks return it there.
   * `opened`: a panel was opened just now, so first wait (briefly) for its own focus to arrive.
   * Does nothing without a visible webview; reading or clicking the panel still works.
   */
  async settleWebview({ opened = false } = {}) {
    // Webview panels are overlays positioned over the editor area, outside .part.editor.
    const webview = this.page.locator('iframe.webview');
    if (!(await webview.first().isVisible().catch(() => false))) return;
    const active = () => this.page.evaluate(() => { const a = globalThis.document.activeElement; return a ? `${a.tagName}.${a.className}` : ''; }).catch(() => '');
    if (opened) await waitFor(async () => /^IFRAME\.webview/.test(await active()), { timeout: 1_500, interval: 100 }).catch(() => {});
    const inSideBar = () => this.page.evaluate(() => {
      const a = globalThis.document.activeElement;
      return Boolean(a && a.tagName !== 'IFRAME' && a.closest('.part.sidebar'));
    }).catch(() => false);
    // The focus stays on the tree for a while (two reads apart): nothing pending takes it back.
    await waitFor(async () => {
      if (!(await inSideBar())) {
        await this.page.evaluate(() => globalThis.document.querySelector('.part.sidebar .monaco-list[tabindex="0"], .part.sidebar .monaco-list')?.focus()).catch(() => {});
        return false;
      }
      await sleep(300);
      return inSideBar();
    }, { timeout: 5_000, interval: 100 }).catch(() => {});
  }

  /** What the open quick input shows ({ title, rows }), or undefined when none is open. */
  async quickInputState() {
    if (!(await this.page.locator('.quick-input-widget').isVisible().catch(() => false))) return undefined;
    const rows = (await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').trim());
    return { title: await this.page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => ''), rows: rows.slice(0, 6) };
  }

  /** Hovers FlowForge's status bar item until its "current branch" tooltip matches `pattern`; returns the tooltip's text. */
  async statusTooltip(pattern, what = 'the status bar tooltip') {
    const item = this.page.locator('.statusbar-item[id$="flowforge.status"]').first();
    await item.waitFor({ timeout: 30_000 });
    let text = '';
    await waitFor(async () => {
      await this.page.mouse.move(700, 400);
      await item.hover();
      const hover = this.page.locator('.monaco-hover, .workbench-hover', { hasText: 'FlowForge: current branch' }).first();
      await hover.waitFor({ timeout: 15_000 });
      text = await hover.innerText();
      return pattern.test(text);
    }, { timeout: 60_000, interval: 2_000, message: what }).catch((err) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}; tooltip: ${JSON.stringify(text)}`);
    });
    return text;
  }

  /** Waits for the fake GitLab (startGitLabUi) to record a request on `route` (e.g. "POST /projects/:id/jobs/:job_id/play") matching `predicate`. */
  async waitGitLabRequest(route, predicate = () => true, timeout = 20_000) {
    const requests = () => this.gitlab.server.stats.requests.filter((r) => r.method !== 'GET');
    return waitFor(() => requests().find((r) => r.route === route && predicate(r)), { timeout, message: `a ${route} request (seen: ${JSON.stringify(requests().map((r) => `${r.route} ${r.path}`))})` });
  }

  /** Waits for the fake to record a mutation (dispatch, cancel, rerun-failed-jobs, review-deployments…) matching `predicate`. */
  async waitMutation(kind, predicate = () => true, timeout = 20_000) {
    return waitFor(() => this.scenario.mutations.find((m) => m.kind === kind && predicate(m)), { timeout, message: `a ${kind} request (seen: ${JSON.stringify(this.scenario.mutations)})` });
  }
}
