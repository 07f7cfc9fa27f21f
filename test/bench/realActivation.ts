/**
 * (d) Activation in a real extension host: the packaged VSIX and a hello-world extension (the
 * floor, written to a temp dir here) are installed in code-server (VS Code in the browser, its
 * extension host in Node), a workspace that activates both is opened in headless chromium, and
 * each extension's activation time is read where VS Code reports it: the "Running Extensions"
 * editor (workbench.action.showRuntimeExtensions), whose figure is code loading + the activate()
 * call. Each run reloads the window (a fresh extension host); the median of the runs is reported.
 * Without code-server (npm run test:setup installs it) this returns 'not available' and a reason.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { median } from './activation';

const run = promisify(execFile);

/** The floor's display name in the Running Extensions list. */
const FLOOR_NAME = 'Activation Floor';
const FLOWFORGE_NAME = 'FlowForge';
const RUNTIME_TITLE = 'Developer: Show Running Extensions';
const WINDOW = { width: 1400, height: 900 };
/** Tall enough that every activated extension's row is rendered (the list is virtual). */
const TALL_WINDOW = { width: 1400, height: 4000 };

export interface RealActivationFigures {
  readonly status: 'ok';
  readonly vscodeVersion: string;
  readonly runs: number;
  /** Activation times (ms) of each run as VS Code reports them. */
  readonly flowforgeMs: readonly number[];
  readonly floorMs: readonly number[];
  readonly medianFlowforgeMs: number;
  readonly medianFloorMs: number;
  /** "FlowForge ready: composed N ms after activate()" of each run, read from FlowForge's log: the composition, loaded after activation. */
  readonly readyMs: readonly number[];
  /** Per run: whether the composition was compiled from V8's code cache (the first start writes it). */
  readonly readyFromCache: readonly boolean[];
  /** The machine's 1-minute load average after the runs: a loaded machine slows both extensions. */
  readonly loadAverage: number;
}
export type RealActivationResult = RealActivationFigures | { readonly status: 'not available'; readonly reason: string };

interface E2EPaths {
  readonly cache: string;
  readonly nodeBin: string;
  readonly codeServerDir: string;
  readonly codeServerEntry: string;
  readonly chromium: string;
}
interface CodeServer {
  readonly userDataDir: string;
  workbenchUrl(folder?: string): string;
  stop(): Promise<void>;
}
interface Locator {
  first(): Locator;
  waitFor(options?: { state?: string; timeout?: number }): Promise<void>;
  fill(text: string): Promise<void>;
}
interface Page {
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  screenshot(options: { path: string }): Promise<unknown>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  keyboard: { press(key: string): Promise<void> };
  waitForFunction<T>(script: string, arg: undefined, options: { timeout: number; polling: number }): Promise<{ jsonValue(): Promise<T> }>;
}
interface SetupModule {
  CODE_SERVER_VERSION: string;
  e2ePaths(): E2EPaths;
}
interface CodeServerModule {
  startCodeServer(this: void, options: { folder: string; vsix: readonly string[]; settings: Record<string, unknown> }): Promise<CodeServer>;
}
interface BrowserModule {
  launchBrowser(this: void, options: { viewport: { width: number; height: number } }): Promise<{ page: Page; close(): Promise<void> }>;
}

async function importScript<T>(root: string, file: string): Promise<T> {
  return (await import(pathToFileURL(join(root, 'scripts', 'e2e', file)).href)) as T;
}

/** Why the real host cannot be measured here, or undefined when it can. */
function missingTools(paths: E2EPaths): string | undefined {
  if (!existsSync(join(paths.codeServerDir, '.flowforge-ok')) || !existsSync(paths.codeServerEntry)) {
    return `code-server is not installed in ${paths.cache} (npm run test:setup installs it)`;
  }
  if (!existsSync(paths.nodeBin)) {
    return `Node 24 for code-server is missing at ${paths.nodeBin} (npm run test:setup installs it)`;
  }
  return existsSync(paths.chromium) ? undefined : `no browser at ${paths.chromium} (apt-get install chromium, or set FLOWFORGE_E2E_CHROMIUM)`;
}

/** A hello-world extension: one command, activated on the same event as FlowForge. */
async function writeFloor(dir: string): Promise<void> {
  const manifest = {
    name: 'activation-floor',
    displayName: FLOOR_NAME,
    description: 'Hello world: the activation floor of npm run bench',
    version: '1.0.0',
    publisher: 'flowforge-bench',
    license: 'MIT',
    engines: { vscode: '^1.90.0' },
    main: './extension.js',
    activationEvents: ['onStartupFinished'],
    contributes: { commands: [{ command: 'activationFloor.hello', title: 'Hello World (activation floor)' }] },
  };
  const code = [
    "const vscode = require('vscode');",
    'exports.activate = (context) => {',
    "  context.subscriptions.push(vscode.commands.registerCommand('activationFloor.hello', () => vscode.window.showInformationMessage('Hello World')));",
    '};',
    'exports.deactivate = () => {};',
    '',
  ].join('\n');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(dir, 'extension.js'), code);
  await writeFile(join(dir, 'README.md'), '# Activation floor\n\nA hello-world extension for npm run bench.\n');
  await writeFile(join(dir, 'LICENSE'), 'MIT\n');
}

async function packageVsix(root: string, cwd: string, out: string, extra: readonly string[] = []): Promise<void> {
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  await run(vsce, ['package', '--no-dependencies', ...extra, '--out', out], { cwd, maxBuffer: 16 * 1024 * 1024 });
}

/** Activation times (ms) by display name, read from the Running Extensions editor once all `names` show one. */
async function readActivationTimes(page: Page, names: readonly string[]): Promise<Record<string, number>> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(`>${RUNTIME_TITLE}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: RUNTIME_TITLE }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  // Runs in the page (this project's tsconfig has no DOM types, hence a string).
  const script = `(() => {
    const wanted = ${JSON.stringify(names)};
    const found = {};
    for (const row of document.querySelectorAll('.runtime-extensions-editor .extension')) {
      const name = row.querySelector('.name')?.textContent?.trim() ?? '';
      const match = /Activation: (\\d+(?:\\.\\d+)?)\\s*ms/.exec(row.querySelector('.activation-time')?.textContent ?? '');
      if (wanted.includes(name) && match) found[name] = Number(match[1]);
    }
    return wanted.every((name) => name in found) ? found : undefined;
  })()`;
  const handle = await page.waitForFunction<Record<string, number> | undefined>(script, undefined, { timeout: 60_000, polling: 250 });
  const times = await handle.jsonValue();
  if (times === undefined) {
    throw new Error('the Running Extensions editor showed no activation times');
  }
  return times;
}

/** The composition times FlowForge logged, oldest first (log folders are named by their start time). */
async function readyTimes(userDataDir: string): Promise<{ ms: number; fromCache: boolean }[]> {
  const entries = await readdir(join(userDataDir, 'logs'), { recursive: true }).catch(() => [] as string[]);
  const logs = entries.filter((entry) => /FlowForge\.log$/.test(entry)).sort();
  const times: { ms: number; fromCache: boolean }[] = [];
  for (const log of logs) {
    const text = await readFile(join(userDataDir, 'logs', log), 'utf8');
    for (const match of text.matchAll(/FlowForge ready: composed (\d+) ms[^\n]*?\(compiled from ([\w ]+)\)/g)) {
      times.push({ ms: Number(match[1]), fromCache: match[2] === 'code cache' });
    }
  }
  return times;
}

export async function measureRealActivation(root: string, runs = 3): Promise<RealActivationResult> {
  const setup = await importScript<SetupModule>(root, 'setup.mjs');
  const missing = missingTools(setup.e2ePaths());
  if (missing !== undefined) {
    return { status: 'not available', reason: missing };
  }
  const dir = await mkdtemp(join(tmpdir(), 'flowforge-real-activation-'));
  let server: CodeServer | undefined;
  let browser: { page: Page; close(): Promise<void> } | undefined;
  try {
    await run(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: root });
    const flowforgeVsix = join(dir, 'flowforge.vsix');
    const floorVsix = join(dir, 'floor.vsix');
    await packageVsix(root, root, flowforgeVsix);
    await writeFloor(join(dir, 'floor'));
    await packageVsix(root, join(dir, 'floor'), floorVsix, ['--allow-missing-repository']);
    const workspace = join(dir, 'workspace');
    await mkdir(workspace);
    const { startCodeServer } = await importScript<CodeServerModule>(root, 'codeServer.mjs');
    const { launchBrowser } = await importScript<BrowserModule>(root, 'browser.mjs');
    // No repositories configured: FlowForge starts as for a new user and makes no requests.
    server = await startCodeServer({ folder: workspace, vsix: [flowforgeVsix, floorVsix], settings: { 'flowforge.repositories': [] } });
    browser = await launchBrowser({ viewport: WINDOW });
    const flowforgeMs: number[] = [];
    const floorMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      // A window of an ordinary size while the extensions start (software rendering of a very tall
      // page competes with the extension host for the CPU), a tall one to read the list.
      await browser.page.setViewportSize(WINDOW);
      if (i === 0) {
        await browser.page.goto(server.workbenchUrl(workspace));
      } else {
        // Let the last window's work (reading the list, FlowForge's composition) end first.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await browser.page.reload();
      }
      await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const page = browser.page;
      await page.setViewportSize(TALL_WINDOW);
      const times = await readActivationTimes(page, [FLOWFORGE_NAME, FLOOR_NAME]).catch(async (error: unknown) => {
        const shot = join(root, 'artifacts', 'bench-real-activation.png');
        await mkdir(join(root, 'artifacts'), { recursive: true });
        await page.screenshot({ path: shot }).catch(() => undefined);
        throw new Error(`${error instanceof Error ? error.message : String(error)} (screenshot: ${shot})`);
      });
      if (i === 0) {
        // The first start writes the composition's code cache 10 s after start-up (src/extension.ts).
        await new Promise((resolve) => setTimeout(resolve, 11_000));
      }
      flowforgeMs.push(times[FLOWFORGE_NAME] ?? Number.NaN);
      floorMs.push(times[FLOOR_NAME] ?? Number.NaN);
    }
    // The last window's log is written shortly after its activation: give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const ready = await readyTimes(server.userDataDir);
    return {
      status: 'ok',
      readyMs: ready.map((entry) => entry.ms),
      readyFromCache: ready.map((entry) => entry.fromCache),
      vscodeVersion: `code-server ${setup.CODE_SERVER_VERSION}`,
      runs,
      flowforgeMs,
      floorMs,
      medianFlowforgeMs: median(flowforgeMs),
      medianFloorMs: median(floorMs),
      loadAverage: loadavg()[0] ?? 0,
    };
  } finally {
    await browser?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
