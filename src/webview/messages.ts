/**
 * Dispatch of messages from the webview. Only messages that pass validateWebviewMessage
 * are acted on; commands come from an allowlist, external links must be http(s) and files
 * must resolve inside a workspace folder. No runtime `vscode` import: the panel injects
 * the effects, so this is unit-tested in plain Node.
 */
import * as path from 'node:path';
import { assertNever, RUN_ACTIONS, type ArtifactAction, type WebviewMessage } from '../shared/protocol';
import { isSafeWebUrl, validateWebviewMessage } from '../shared/validate';

export interface HostEffects {
  ready(): void;
  selectJob(jobId: string): void;
  openExternal(url: string): void;
  /** Called with an absolute path already known to be inside `workspaceFolders()`. */
  openFile(absolutePath: string, line: number, column: number | undefined): void;
  runCommand(command: (typeof RUN_ACTIONS)[number]): void;
  copy(text: string): void;
  openRawLog(jobId: string): void;
  /** An artifact button; the panel acts only on ids it listed. */
  artifact(action: ArtifactAction, artifactId: string): void;
  workspaceFolders(): readonly string[];
  /** Resolves symlinks (fs.realpath); undefined when the file does not exist. */
  realPath(absolutePath: string): string | undefined;
  /** Rejected input, for the log. */
  rejected(reason: string): void;
}

function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Resolves a path from a log (relative to a workspace folder, or absolute) to a file inside
 * one of `folders`, following symlinks; undefined if it would leave them or does not exist.
 */
export function resolveWorkspaceFile(requested: string, folders: readonly string[], realPath: (p: string) => string | undefined): string | undefined {
  const normalized = requested.replace(/\\/g, '/').replace(/^\.\//, '');
  const inside = (candidate: string): string | undefined => {
    for (const folder of folders) {
      const resolved = path.resolve(folder, candidate);
      if (!isInside(folder, resolved)) continue;
      const real = realPath(resolved);
      const realFolder = realPath(folder) ?? folder;
      if (real !== undefined && isInside(realFolder, real)) return real;
    }
    return undefined;
  };
  const direct = inside(normalized);
  if (direct !== undefined || !/^(?:\/|[A-Za-z]:\/)/.test(normalized)) return direct;
  // An absolute path on the runner (/builds/group/project/src/a.ts, D:\a\r\r\src\a.ts):
  // the workspace file with the longest matching tail (src/a.ts before a.ts), never climbing.
  const segments = normalized.split('/').filter((segment) => segment !== '' && !/^[A-Za-z]:$/.test(segment));
  for (let from = 0; from < segments.length; from++) {
    const tail = segments.slice(from);
    if (tail.includes('..') || tail.includes('.')) continue;
    const found = inside(tail.join('/'));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Validates and dispatches one raw message. Returns the validated message (or undefined). */
export function dispatchWebviewMessage(raw: unknown, effects: HostEffects): WebviewMessage | undefined {
  const message = validateWebviewMessage(raw);
  if (message === undefined) {
    effects.rejected('malformed message from the run panel');
    return undefined;
  }
  switch (message.type) {
    case 'ready':
      effects.ready();
      break;
    case 'selectJob':
      effects.selectJob(message.jobId);
      break;
    case 'openExternal':
      if (isSafeWebUrl(message.url)) effects.openExternal(message.url);
      else effects.rejected('non-web link');
      break;
    case 'openFile': {
      const file = resolveWorkspaceFile(message.path, effects.workspaceFolders(), (p) => effects.realPath(p));
      if (file !== undefined) effects.openFile(file, message.line, message.column);
      else effects.rejected(`file outside the workspace or missing: ${message.path}`);
      break;
    }
    case 'runCommand':
      if ((RUN_ACTIONS as readonly string[]).includes(message.command)) effects.runCommand(message.command);
      break;
    case 'copy':
      effects.copy(message.text);
      break;
    case 'openRawLog':
      effects.openRawLog(message.jobId);
      break;
    case 'artifact':
      effects.artifact(message.action, message.artifactId);
      break;
    default:
      assertNever(message);
  }
  return message;
}
