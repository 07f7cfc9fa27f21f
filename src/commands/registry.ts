import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { reportCommandError } from './errorHandler';
import type { CommandId } from './ids';

/**
 * Handlers declare the arguments they expect from tree items; `never[]` lets any such
 * signature in. Arguments come from VS Code (or other extensions), so handlers check them.
 */
export type CommandHandler = (...args: never[]) => unknown;

type Register = (id: string, implementation: (...args: unknown[]) => unknown) => vscode.Disposable;

/** Registers every handler, each wrapped in the shared error handling (through `register`: the start-up shell's stubs). */
export function registerCommands(handlers: Readonly<Record<CommandId, CommandHandler>>, logger: Logger, register: Register): vscode.Disposable[] {
  return Object.entries(handlers).map(([id, handler]) =>
    register(id, async (...args: unknown[]) => {
      try {
        return await handler(...(args as never[]));
      } catch (error) {
        await reportCommandError(id, error, logger);
        return undefined;
      }
    }),
  );
}
