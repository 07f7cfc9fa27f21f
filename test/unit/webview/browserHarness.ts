/**
 * Loads the real webview bundle (built with esbuild into a temp dir) in headless Chromium,
 * with the production CSP and a stub acquireVsCodeApi that records posted messages.
 * Shared by browser.test.ts and test/bench/logViewer.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildCsp, buildHtml } from '../../../src/webview/html';

export const CHROMIUM = '/usr/bin/chromium';

/** The page globals these tests touch (the Node tsconfig has no DOM lib). */
export interface PageGlobals {
  __posted: { type: string }[];
  __pwned?: unknown;
  dispatchEvent(event: unknown): boolean;
  requestAnimationFrame(callback: () => void): number;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  performance: { now(): number };
  document: {
    scripts: { length: number };
    querySelectorAll(selector: string): { length: number };
    getElementsByTagName(name: string): { length: number };
    querySelector(selector: string): unknown;
    body: unknown;
  };
}
const ORIGIN = 'http://flowforge.test';
export const ROOT = path.resolve(__dirname, '../../../..');

export async function buildWebview(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-webview-'));
  await build({
    entryPoints: [path.join(ROOT, 'src/webview-ui/main.ts')],
    outfile: path.join(dir, 'webview.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    tsconfig: path.join(ROOT, 'src/webview-ui/tsconfig.json'),
    logLevel: 'error',
  });
  return dir;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens the panel page and waits for the app's `ready`. */
export async function openPanel(browser: Browser, dir: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const nonce = 'testnonce123';
  const stub = `window.__posted = []; let __state; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => __state, setState: (s) => { __state = s; } });`;
  const html = buildHtml({ cspSource: ORIGIN, nonce, scriptUri: `${ORIGIN}/webview.js`, styleUri: `${ORIGIN}/run.css`, codiconsUri: `${ORIGIN}/codicon.css`, title: 'test' }).replace(
    '<body>',
    `<body><script nonce="${nonce}">${stub}</script>`,
  );
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/webview.js') return route.fulfill({ body: fs.readFileSync(path.join(dir, 'webview.js')), contentType: 'text/javascript' });
    if (url.pathname === '/run.css') return route.fulfill({ body: fs.readFileSync(path.join(ROOT, 'media/webview/run.css')), contentType: 'text/css' });
    if (url.pathname === '/') return route.fulfill({ body: html, contentType: 'text/html', headers: { 'content-security-policy': buildCsp(ORIGIN, nonce) } });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'ready'));
  return page;
}

/** Builds the bundle, launches Chromium and opens the panel; dialogs (alert, confirm…) are recorded in `dialogs` and dismissed. */
export async function startPanel(dialogs: string[]): Promise<{ browser: Browser; page: Page }> {
  const dir = await buildWebview();
  const browser = await launch();
  const page = await openPanel(browser, dir);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { browser, page };
}

/** Delivers host messages the way VS Code does (a window message event). */
export async function send(page: Page, messages: readonly unknown[]): Promise<void> {
  await page.evaluate((list) => {
    const g = globalThis as unknown as PageGlobals;
    for (const data of list) g.dispatchEvent(new g.MessageEvent('message', { data }));
  }, messages);
}

export async function nextPaint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return new Promise<void>((resolve) => g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve())));
  });
}

export const RUN = {
  provider: 'github',
  state: 'failure',
  rawStatus: 'completed/failure',
  workflowName: 'CI',
  number: 7,
  attempt: 1,
  branch: 'main',
  sha: 'abc1234',
  commitTitle: 'Fix things',
  event: 'push',
  webUrl: 'https://github.com/o/r/actions/runs/1',
  actions: ['flowforge.rerunRun'],
};
export const JOB = { id: '1', name: 'build', state: 'failure', rawStatus: 'failure', steps: [] };

/** A few of VS Code's Dark Modern colours (set through CSSOM, as the CSP allows), so screenshots look like the panel. */
const DARK_THEME: Readonly<Record<string, string>> = {
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-terminal-background': '#181818',
  '--vscode-terminal-foreground': '#cccccc',
  '--vscode-terminal-ansiRed': '#f14c4c',
  '--vscode-terminal-ansiGreen': '#23d18b',
  '--vscode-terminal-ansiYellow': '#f5f543',
  '--vscode-terminal-ansiBrightBlack': '#666666',
  '--vscode-errorForeground': '#f85149',
  '--vscode-font-family': 'sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': 'monospace',
};

export async function applyDarkTheme(page: Page): Promise<void> {
  await page.evaluate((theme) => {
    const root = (globalThis as unknown as { document: { documentElement: { style: { setProperty(name: string, value: string): void } } } }).document.documentElement;
    for (const [name, value] of Object.entries(theme)) root.style.setProperty(name, value);
  }, DARK_THEME);
}
