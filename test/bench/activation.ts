/**
 * (c) Activation: loads the extension bundle with a stubbed `vscode` module, times activate(),
 * and counts network calls until activate() has returned and the tree's first getChildren has
 * resolved (expected 0). As a sanity check of the monitor, it then waits for start-up to poll
 * the configured repository on a local fake GitHub and counts those calls too.
 */
import Module from 'node:module';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startFakeGitHub } from '../fakes/github/server';
import { SAMPLE_REPO, SAMPLE_TOKEN, sampleData } from '../fakes/github/sample';
import { NetworkMonitor } from './networkMonitor';
import { createStubHost, type StubHost } from './vscodeHost';

type LoadFunction = (request: string, parent: unknown, isMain: boolean) => unknown;
interface ModuleInternals {
  _load: LoadFunction;
}
interface ExtensionModule {
  activate(context: object): { ready?: Promise<unknown> } | undefined;
}

export interface ActivationFigures {
  readonly entry: string;
  readonly runs: number;
  readonly medianActivateMs: number;
  readonly maxActivateMs: number;
  readonly medianLoadMs: number;
  readonly medianToFirstChildrenMs: number;
  /** From the start of loading until the composition (loaded after activate() returned) is ready. */
  readonly medianReadyMs: number;
  readonly coldReadyMs: number;
  readonly coldLoadMs: number;
  readonly coldActivateMs: number;
  /** Network calls before activate() returned and the first getChildren resolved, summed over all runs. */
  readonly networkCallsBeforeFirstChildren: number;
  /** Network calls seen later (start-up polling the fake server): shows the monitor works. */
  readonly networkCallsAfterStartup: number;
  readonly stubMissing: readonly string[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await sleep(5);
  }
}

/** Makes `require('vscode')` answer `host()`'s stub module until the returned function is called. */
export function stubVscode(host: () => StubHost): () => void {
  const internals = Module as unknown as ModuleInternals;
  const originalLoad = internals._load;
  internals._load = (request, parent, isMain) => (request === 'vscode' ? host().module : originalLoad(request, parent, isMain));
  return () => {
    internals._load = originalLoad;
  };
}

/** dist/extension.js when built, else the tsc output. */
export function extensionEntry(root: string): string {
  const dist = join(root, 'dist', 'extension.js');
  return existsSync(dist) ? dist : join(root, 'out', 'src', 'extension.js');
}

/** Drops the bundle and its vendor files (or every tsc output module of src/) from the require cache: the next load is fresh. */
function forget(cache: NodeJS.Dict<NodeJS.Module>, entry: string): void {
  const dir = join(entry, '..') + sep;
  for (const key of Object.keys(cache)) {
    if (key.startsWith(dir)) {
      delete cache[key];
    }
  }
}

export async function measureActivation(root: string, runs = 20): Promise<ActivationFigures> {
  const entry = extensionEntry(root);
  const load = Module.createRequire(__filename);
  const server = await startFakeGitHub({ state: sampleData() });
  const settings = new Map<string, unknown>([
    ['flowforge.github.apiUrl', server.url],
    ['flowforge.repositories', [`github:${SAMPLE_REPO}`]],
  ]);
  const savedToken = process.env.FLOWFORGE_GITHUB_TOKEN;
  process.env.FLOWFORGE_GITHUB_TOKEN = SAMPLE_TOKEN;
  let host: StubHost = createStubHost(settings);
  const missing = new Set<string>();
  const unstub = stubVscode(() => host);
  const monitor = new NetworkMonitor();
  monitor.install();
  const loadMs: number[] = [];
  const activateMs: number[] = [];
  const toChildrenMs: number[] = [];
  const readyMs: number[] = [];
  let before = 0;
  let after = 0;
  try {
    for (let run = 0; run < runs; run += 1) {
      host = createStubHost(settings);
      forget(load.cache, entry);
      monitor.reset();
      const t0 = performance.now();
      const extension = load(entry) as ExtensionModule;
      const t1 = performance.now();
      const context = host.createContext(join(tmpdir(), 'flowforge-bench-storage'), '0.0.0-bench');
      const exported = extension.activate(context);
      const t2 = performance.now();
      await exported?.ready;
      readyMs.push(performance.now() - t0);
      await host.treeProviders[0]?.getChildren(undefined);
      const t3 = performance.now();
      before += monitor.total();
      loadMs.push(t1 - t0);
      activateMs.push(t2 - t1);
      toChildrenMs.push(t3 - t0);
      const seen = monitor.total();
      await waitFor(() => host.contextKeys.get('flowforge.ready') === true, 2000);
      await waitFor(() => monitor.total() > seen, 1000);
      after += monitor.total() - seen;
      for (const subscription of context.subscriptions) {
        subscription.dispose();
      }
      host.missing.forEach((name) => missing.add(name));
      // Requests this run had in flight (their sockets connect later) must not count for the next one.
      await sleep(150);
    }
  } finally {
    unstub();
    monitor.uninstall();
    process.env.FLOWFORGE_GITHUB_TOKEN = savedToken;
    if (savedToken === undefined) {
      delete process.env.FLOWFORGE_GITHUB_TOKEN;
    }
    await sleep(50);
    await server.close();
  }
  return {
    entry: entry.slice(root.length + 1),
    runs,
    medianActivateMs: median(activateMs),
    maxActivateMs: Math.max(...activateMs),
    medianLoadMs: median(loadMs),
    medianToFirstChildrenMs: median(toChildrenMs),
    medianReadyMs: median(readyMs),
    coldReadyMs: readyMs[0] ?? 0,
    coldLoadMs: loadMs[0] ?? 0,
    coldActivateMs: activateMs[0] ?? 0,
    networkCallsBeforeFirstChildren: before,
    networkCallsAfterStartup: after,
    stubMissing: [...missing].sort(),
  };
}
