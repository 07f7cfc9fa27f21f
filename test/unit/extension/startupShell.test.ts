/**
 * The start-up shell (src/extension.ts): activate() registers a stub for every contributed command
 * and the two tree views, and returns before the composition is loaded; commands run and views
 * opened in between wait for it instead of failing. Runs the tsc output with the stubbed vscode.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { stubVscode } from '../../bench/activation';
import { createStubHost, type StubHost } from '../../bench/vscodeHost';

const root = join(__dirname, '..', '..', '..', '..');
const srcDir = join(root, 'out', 'src') + sep;
const SHELL_AND_COMPOSITION = /^(extension|composition)\.js$|^startup[\\/]/;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
const contributed = manifest.contributes.commands.map((command) => command.command);

interface Exports {
  readonly ready: Promise<{ sync: unknown }>;
  readonly sync: unknown;
}
interface Shell {
  activate(context: object): Exports;
}
interface LazyTree {
  LazyTreeDataProvider: new () => { getChildren(node?: unknown): Promise<unknown[] | null | undefined>; giveUp(): void; dispose(): void };
}
interface Stubs {
  CommandStubs: new (contributed: ReadonlySet<string>, ready: Promise<unknown>) => {
    register(id: string, implementation: (...args: unknown[]) => unknown): { dispose(): void };
    dispose(): void;
  };
}

describe('start-up shell', () => {
  const load = Module.createRequire(__filename);
  let host: StubHost;
  let unstub: () => void;
  let context: { readonly subscriptions: { dispose(): unknown }[] };

  beforeEach(() => {
    // Fresh shell and composition each time; the modules they share with other suites stay (one class each).
    for (const key of Object.keys(load.cache)) if (SHELL_AND_COMPOSITION.test(key.slice(srcDir.length)) && key.startsWith(srcDir)) delete load.cache[key];
    host = createStubHost(new Map<string, unknown>([['flowforge.repositories', []]]));
    unstub = stubVscode(() => host);
  });
  afterEach(() => {
    for (const subscription of context?.subscriptions ?? []) subscription.dispose();
    unstub();
  });

  it('returns from activate() with every contributed command and both views registered, before the composition exists', async () => {
    const shell = load(join(srcDir, 'extension.js')) as Shell;
    context = host.createContext(join(tmpdir(), 'flowforge-shell-test'), '0.0.0-test', manifest.contributes);
    const exported = shell.activate(context);
    assert.deepEqual(contributed.filter((id) => !host.commands.has(id)), [], 'contributed commands without a stub');
    assert.equal(host.treeProviders.length, 2);
    assert.equal(exported.sync, undefined, 'the composition ran inside activate()');
    assert.ok(!Object.keys(load.cache).includes(join(srcDir, 'composition.js')), 'activate() loaded the composition');
    const api = await exported.ready;
    assert.ok(api.sync, 'ready resolved without the API');
    assert.equal(exported.sync, api.sync);
  });

  it('a view opened and a command run before the composition is ready are answered once it is', async () => {
    const shell = load(join(srcDir, 'extension.js')) as Shell;
    context = host.createContext(join(tmpdir(), 'flowforge-shell-test'), '0.0.0-test', manifest.contributes);
    const exported = shell.activate(context);
    let ready = false;
    void exported.ready.then(() => (ready = true));
    const children = host.treeProviders[0]?.getChildren(undefined);
    const refreshed = host.commands.get('flowforge.refresh')?.();
    assert.equal(ready, false);
    assert.deepEqual(await children, [], 'no repositories configured: no rows');
    await refreshed;
    assert.equal(ready, true, 'the early command resolved before the composition was ready');
  });

  it('a command run when the composition failed to load says so instead of doing nothing', async () => {
    const { CommandStubs } = load(join(srcDir, 'startup', 'commandStubs.js')) as Stubs;
    const failed = Promise.reject(new Error('composition failed'));
    failed.catch(() => undefined);
    const stubs = new CommandStubs(new Set(['flowforge.refresh']), failed);
    context = { subscriptions: [stubs] };
    await assert.rejects(async () => {
      await host.commands.get('flowforge.refresh')?.();
    }, /composition failed/);
    const ok = new CommandStubs(new Set(['flowforge.refresh', 'flowforge.showLogs']), Promise.resolve());
    context = { subscriptions: [stubs, ok] };
    ok.register('flowforge.showLogs', () => 'bound');
    assert.equal(await host.commands.get('flowforge.showLogs')?.(), 'bound');
    await assert.rejects(async () => {
      await host.commands.get('flowforge.refresh')?.();
    }, /not available/);
  });

  it('a view waiting for a composition that failed stops waiting and shows no rows', async () => {
    const { LazyTreeDataProvider } = load(join(srcDir, 'startup', 'lazyTree.js')) as LazyTree;
    const provider = new LazyTreeDataProvider();
    context = { subscriptions: [provider] };
    const children = provider.getChildren(undefined);
    provider.giveUp();
    assert.deepEqual(await children, []);
  });
});
