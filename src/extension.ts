/**
 * Start-up shell: what must exist the moment VS Code activates FlowForge, and nothing more. It
 * creates the two tree views (their data arrives when the composition attaches it), registers a
 * stub for every contributed command, and loads the composition (src/composition.ts, a bundle of
 * its own: dist/composition.js) in the next task, after activate() has returned. VS Code counts
 * loading this file and the activate() call as the extension's activation time; the composition's
 * cost is logged ("FlowForge ready: …") and measured by npm run bench. The composition is compiled
 * with V8's code cache, kept in global storage, so later starts skip parsing and compiling it.
 *
 * This file and src/startup/ import only `vscode` (and types): esbuild.config.mjs fails the build
 * if the shell and the composition bundle share a module, so every class exists once.
 */
import * as vscode from 'vscode';
import type * as Composition from './composition';
import type { FlowForgeApi } from './composition';
import { join } from 'node:path';
import { loadWithCodeCache } from './startup/codeCache';
import { CommandStubs } from './startup/commandStubs';
import { LazyTreeDataProvider } from './startup/lazyTree';
import type { ShellView, StartupShell } from './startup/shell';
import type { TreeNode } from './views/tree/node';

const SAVE_CACHE_AFTER_MS = 10_000;

/** The extension's API: `ready` resolves once the composition is loaded; sync and tree are set from then on. */
export interface FlowForgeExports {
  readonly ready: Promise<FlowForgeApi>;
  readonly sync: FlowForgeApi['sync'] | undefined;
  readonly tree: FlowForgeApi['tree'] | undefined;
}

export function activate(context: vscode.ExtensionContext): FlowForgeExports {
  const activatedAt = performance.now();
  let resolveReady!: (api: FlowForgeApi) => void;
  let rejectReady!: (error: unknown) => void;
  const ready = new Promise<FlowForgeApi>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => undefined);
  const stubs = new CommandStubs(CommandStubs.contributedBy(context.extension.packageJSON), ready);
  const pipelines = shellView(context, 'flowforge.pipelines', true);
  const activity = shellView(context, 'flowforge.activity', false);
  context.subscriptions.push(stubs);
  let api: FlowForgeApi | undefined;
  const timer = setTimeout(() => {
    try {
      const { composition, compiledFrom } = loadComposition(context);
      const shell: StartupShell = { activatedAt, pipelines, activity, registerCommand: stubs.register, compiledFrom };
      api = composition.compose(context, shell);
      resolveReady(api);
    } catch (error) {
      rejectReady(error);
      pipelines.giveUp();
      activity.giveUp();
      const reason = error instanceof Error ? error.message : String(error);
      console.error('FlowForge failed to start', error);
      void vscode.window.showErrorMessage(vscode.l10n.t('FlowForge could not start: {0}', reason));
    }
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });

  return {
    ready,
    get sync() {
      return api?.sync;
    },
    get tree() {
      return api?.tree;
    },
  };
}

/** The composition (dist/composition.js), compiled from V8's code cache in global storage when there is one. */
function loadComposition(context: vscode.ExtensionContext): { composition: typeof Composition; compiledFrom: StartupShell['compiledFrom'] } {
  if (context.globalStorageUri.scheme !== 'file') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose: dist/composition.js (esbuild.config.mjs)
    return { composition: require('./composition') as typeof Composition, compiledFrom: 'source' };
  }
  const loaded = loadWithCodeCache(join(__dirname, 'composition.js'), join(context.globalStorageUri.fsPath, 'code-cache'));
  // Once start-up is over (what ran by then is in the cache too).
  const save = setTimeout(() => loaded.saveCache(), SAVE_CACHE_AFTER_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(save) });
  return { composition: loaded.exports as typeof Composition, compiledFrom: loaded.fromCache ? 'code cache' : 'source' };
}

function shellView(context: vscode.ExtensionContext, id: string, showCollapseAll: boolean): ShellView<TreeNode> {
  const provider = new LazyTreeDataProvider<TreeNode>();
  const view = vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll });
  context.subscriptions.push(provider, view);
  return { view, attach: (real) => provider.attach(real), giveUp: () => provider.giveUp() };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
