/**
 * The stubbed `vscode` namespaces (window, commands, workspace, ...) and an ExtensionContext,
 * recording what the benchmark needs to observe: the tree data provider and setContext calls.
 */
import { EventEmitter, l10n, lenient, stubClasses, stubEnums, type DisposableLike } from './vscodeStub';

export interface TreeProviderLike {
  getChildren(element?: unknown): unknown;
}

export interface StubHost {
  /** The object `require('vscode')` returns. */
  readonly module: object;
  readonly missing: Set<string>;
  readonly treeProviders: TreeProviderLike[];
  readonly contextKeys: Map<string, unknown>;
  /** Registered commands by id. */
  readonly commands: ReadonlyMap<string, (...args: unknown[]) => unknown>;
  /** `contributes` is the manifest's (FlowForge's start-up shell registers a stub per contributed command). */
  createContext(storagePath: string, version: string, contributes?: object): { readonly subscriptions: DisposableLike[] } & object;
}

const resolved = <T>(value: T): Promise<T> => Promise.resolve(value);

function outputChannel(): object {
  const log = (): void => undefined;
  return { trace: log, debug: log, info: log, warn: log, error: log, append: log, appendLine: log, show: log, hide: log, clear: log, dispose: log, logLevel: 3, onDidChangeLogLevel: new EventEmitter<number>().event };
}

function statusBarItem(): object {
  const nothing = (): void => undefined;
  return { text: '', show: nothing, hide: nothing, dispose: nothing };
}

/** `settings` maps full keys ("flowforge.repositories") to values. */
export function createStubHost(settings: ReadonlyMap<string, unknown>): StubHost {
  const missing = new Set<string>();
  const treeProviders: TreeProviderLike[] = [];
  const contextKeys = new Map<string, unknown>();
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const ns = <T extends object>(name: string, target: T): T => lenient(name, target, missing);

  const window = ns('window', {
    state: { focused: true, active: true },
    onDidChangeWindowState: new EventEmitter<unknown>().event,
    createOutputChannel: outputChannel,
    createStatusBarItem: statusBarItem,
    createTreeView: (_id: string, options: { treeDataProvider: TreeProviderLike }) => {
      treeProviders.push(options.treeDataProvider);
      return { visible: true, onDidChangeVisibility: new EventEmitter<unknown>().event, onDidExpandElement: new EventEmitter<unknown>().event, reveal: () => resolved(undefined), dispose: () => undefined };
    },
    showErrorMessage: () => resolved(undefined),
    showWarningMessage: () => resolved(undefined),
    showInformationMessage: () => resolved(undefined),
    setStatusBarMessage: () => ({ dispose: () => undefined }),
  });
  const workspace = ns('workspace', {
    isTrusted: true,
    workspaceFolders: undefined,
    getConfiguration: (section?: string) => ({
      get: (key: string, fallback?: unknown) => settings.get(section === undefined ? key : `${section}.${key}`) ?? fallback,
      has: (key: string) => settings.has(section === undefined ? key : `${section}.${key}`),
      // The stub's settings are the user's own (global) values.
      inspect: (key: string) => ({ key, globalValue: settings.get(section === undefined ? key : `${section}.${key}`) }),
      update: () => resolved(undefined),
    }),
    onDidChangeConfiguration: new EventEmitter<unknown>().event,
    onDidChangeWorkspaceFolders: new EventEmitter<unknown>().event,
    onDidGrantWorkspaceTrust: new EventEmitter<unknown>().event,
    fs: {
      readFile: () => Promise.reject(new Error('FileNotFound')),
      writeFile: () => resolved(undefined),
      createDirectory: () => resolved(undefined),
      delete: () => resolved(undefined),
    },
  });
  const vscodeCommands = ns('commands', {
    registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
      commands.set(id, handler);
      return { dispose: () => commands.delete(id) };
    },
    executeCommand: (id: string, ...args: unknown[]) => {
      if (id === 'setContext') {
        contextKeys.set(String(args[0]), args[1]);
        return resolved(undefined);
      }
      return resolved(commands.get(id)?.(...args));
    },
  });
  const authentication = ns('authentication', { getSession: () => resolved(undefined), onDidChangeSessions: new EventEmitter<unknown>().event });
  const extensions = ns('extensions', { getExtension: () => undefined, onDidChange: new EventEmitter<unknown>().event });
  const languages = ns('languages', {
    createDiagnosticCollection: () => ({ set: () => undefined, delete: () => undefined, clear: () => undefined, dispose: () => undefined }),
  });
  const env = ns('env', { language: 'en', appName: 'Stub', uriScheme: 'vscode', openExternal: () => resolved(true), clipboard: { writeText: () => resolved(undefined) } });

  const module = ns('vscode', { ...stubClasses, ...stubEnums, l10n, window, workspace, commands: vscodeCommands, authentication, extensions, languages, env, version: '1.90.0' });

  const createContext = (storagePath: string, version: string, contributes?: object): { readonly subscriptions: DisposableLike[] } & object => {
    const memento = () => {
      const values = new Map<string, unknown>();
      return { get: (key: string, fallback?: unknown) => values.get(key) ?? fallback, update: (key: string, value: unknown) => resolved(void values.set(key, value)), keys: () => [...values.keys()], setKeysForSync: () => undefined };
    };
    const storageUri = stubClasses.Uri.file(storagePath);
    return ns('context', {
      subscriptions: [] as DisposableLike[],
      secrets: { get: () => resolved(undefined), store: () => resolved(undefined), delete: () => resolved(undefined), onDidChange: new EventEmitter<unknown>().event },
      globalState: memento(),
      workspaceState: memento(),
      globalStorageUri: storageUri,
      storageUri,
      logUri: storageUri,
      extensionUri: storageUri,
      extensionPath: storagePath,
      extensionMode: stubEnums.ExtensionMode.Production,
      extension: { id: 'flowforge.flowforge', packageJSON: { version, contributes }, extensionUri: storageUri },
      asAbsolutePath: (relative: string) => `${storagePath}/${relative}`,
    });
  };
  return { module, missing, treeProviders, contextKeys, commands, createContext };
}
