import type * as vscode from 'vscode';
import type { TreeNode } from '../views/tree/node';

/** A view the shell created at activation, whose data the composition provides. */
export interface ShellView<T> {
  readonly view: vscode.TreeView<T>;
  attach(provider: vscode.TreeDataProvider<T>): void;
  /** The composition failed to load: stop waiting for it. */
  giveUp(): void;
}

/**
 * What activate() sets up before returning (src/extension.ts) and hands to the composition
 * (src/composition.ts), which is loaded after activation: the two tree views and the command stubs.
 */
export interface StartupShell {
  /** performance.now() when activate() was called. */
  readonly activatedAt: number;
  /** How the composition was compiled: from V8's code cache in global storage, or from source. */
  readonly compiledFrom: 'code cache' | 'source';
  readonly pipelines: ShellView<TreeNode>;
  readonly activity: ShellView<TreeNode>;
  /** Registers a command: contributed ones bind the stub that exists since activation. */
  readonly registerCommand: (id: string, implementation: (...args: unknown[]) => unknown) => vscode.Disposable;
}
