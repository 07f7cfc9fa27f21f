/**
 * Just enough of the `vscode` module for activate() to run in plain Node. Namespace members
 * (window.x, workspace.x, ...) it does not implement are recorded in `missing` and answer with a
 * no-op returning a Disposable, so a new API call shows up in the report instead of crashing.
 * Top-level classes and enums must be listed here: the bundle copies the module's own keys.
 */
import { join } from 'node:path';
import { Emitter } from '../../src/core/events';

export interface DisposableLike {
  dispose(): unknown;
}

/** VS Code's EventEmitter has the shape of core's Emitter. */
export { Emitter as EventEmitter };

class Disposable {
  constructor(private readonly onDispose: () => unknown) {}

  static from(...items: DisposableLike[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }

  dispose(): void {
    this.onDispose();
  }
}

class Uri {
  private constructor(readonly scheme: string, readonly path: string) {}

  static file(path: string): Uri {
    return new Uri('file', path);
  }

  static parse(value: string): Uri {
    const url = new URL(value);
    return new Uri(url.protocol.replace(/:$/, ''), url.pathname);
  }

  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, join(base.path, ...segments));
  }

  get fsPath(): string {
    return this.path;
  }

  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}

class MarkdownString {
  constructor(public value = '', readonly supportThemeIcons = false) {}

  appendMarkdown(value: string): this {
    this.value += value;
    return this;
  }

  appendText(value: string): this {
    this.value += value;
    return this;
  }

  appendCodeblock(value: string): this {
    this.value += `\n\`\`\`\n${value}\n\`\`\`\n`;
    return this;
  }
}

class Position {
  constructor(readonly line: number, readonly character: number) {}
}

class Range {
  constructor(readonly start: Position, readonly end: Position) {}
}

class Diagnostic {
  constructor(readonly range: Range, readonly message: string, readonly severity = 0) {}
}

class TreeItem {
  constructor(public label: unknown, public collapsibleState = 0) {}
}

/** l10n.t: "{0}" placeholders from positional args, or the { message, args } form. */
function translate(message: string | { message: string; args?: unknown[] }, ...args: unknown[]): string {
  const text = typeof message === 'string' ? message : message.message;
  const values = typeof message === 'string' ? args : (message.args ?? []);
  return text.replace(/\{(\d+)\}/g, (match, index: string) => (values[Number(index)] === undefined ? match : String(values[Number(index)])));
}

function noop(): DisposableLike {
  return { dispose: () => undefined };
}

/** Wraps a namespace so unknown members are recorded and answer with `noop`. */
export function lenient<T extends object>(name: string, target: T, missing: Set<string>): T {
  return new Proxy(target, {
    get: (object, property, receiver) => {
      // `then` and `__esModule` are probed by promise resolution and CommonJS interop: not API use.
      if (typeof property === 'symbol' || property in object || property === 'then' || property === '__esModule') {
        return Reflect.get(object, property, receiver) as unknown;
      }
      missing.add(`${name}.${property}`);
      return noop;
    },
  });
}

export const stubClasses = { EventEmitter: Emitter, Disposable, Uri, ThemeColor, ThemeIcon, MarkdownString, TreeItem, Position, Range, Diagnostic };

export const stubEnums = {
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
};

export const l10n = { t: translate };
