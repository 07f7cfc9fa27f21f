import * as vscode from 'vscode';

type Implementation = (...args: unknown[]) => unknown;

/**
 * Every command the manifest contributes is registered at activation with a stub; the composition,
 * loaded after activate() returns, binds each stub to its handler. A command run in between (a
 * keybinding, another extension, a test) waits for the composition instead of failing with
 * "command not found"; if the composition failed to load, it reports that.
 */
export class CommandStubs implements vscode.Disposable {
  private readonly implementations = new Map<string, Implementation>();
  private readonly stubs: vscode.Disposable[];

  constructor(
    private readonly contributed: ReadonlySet<string>,
    private readonly ready: Promise<unknown>,
  ) {
    this.stubs = [...contributed].map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, args)));
  }

  /** Commands the manifest contributes, read from the extension's package.json. */
  static contributedBy(manifest: unknown): Set<string> {
    const commands = (manifest as { contributes?: { commands?: unknown } } | undefined)?.contributes?.commands;
    const ids = Array.isArray(commands) ? commands.map((command) => (command as { command?: unknown }).command) : [];
    return new Set(ids.filter((id): id is string => typeof id === 'string'));
  }

  /** Binds a contributed command's stub to its handler, or registers a command the manifest does not list. */
  readonly register = (id: string, implementation: Implementation): vscode.Disposable => {
    if (!this.contributed.has(id)) return vscode.commands.registerCommand(id, implementation);
    this.implementations.set(id, implementation);
    return new vscode.Disposable(() => {
      if (this.implementations.get(id) === implementation) this.implementations.delete(id);
    });
  };

  dispose(): void {
    for (const stub of this.stubs) stub.dispose();
  }

  private async run(id: string, args: unknown[]): Promise<unknown> {
    const bound = this.implementations.get(id);
    if (bound) return bound(...args);
    await this.ready;
    const implementation = this.implementations.get(id);
    if (!implementation) throw new Error(vscode.l10n.t('FlowForge: the command {0} is not available (see FlowForge: Show Logs).', id));
    return implementation(...args);
  }
}
