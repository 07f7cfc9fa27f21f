import type { AnnotationLevel, Annotation } from '../model';
import type { TestCaseFailure } from '../ci/operations';

/** A CI finding located in a repository file: a check annotation or a failing test. */
export interface CodeProblem {
  /** Repository-relative path, forward slashes, no leading "./". */
  readonly path: string;
  /** 1-based. */
  readonly startLine: number;
  readonly endLine: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
  readonly level: AnnotationLevel;
  readonly message: string;
  /** Where it came from: a check name or "tests". */
  readonly origin: string;
}

export function normalizeRepoPath(path: string): string | undefined {
  const clean = path.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  if (clean === '' || clean.split('/').some((segment) => segment === '..')) {
    return undefined;
  }
  return clean;
}

export function fromAnnotation(annotation: Annotation, origin: string): CodeProblem | undefined {
  const path = normalizeRepoPath(annotation.path);
  if (!path || path === '.github') {
    return undefined;
  }
  const startLine = Math.max(1, annotation.startLine);
  const message = annotation.title && !annotation.message.includes(annotation.title) ? `${annotation.title}: ${annotation.message}` : annotation.message;
  return {
    path,
    startLine,
    endLine: Math.max(startLine, annotation.endLine),
    ...(annotation.startColumn !== undefined ? { startColumn: annotation.startColumn } : {}),
    ...(annotation.endColumn !== undefined ? { endColumn: annotation.endColumn } : {}),
    level: annotation.level,
    message,
    origin,
  };
}

/** A failing test with a file: the line comes from "file:line" in its trace or message, else line 1. */
export function fromTestFailure(failure: TestCaseFailure): CodeProblem | undefined {
  const path = failure.file ? normalizeRepoPath(failure.file) : undefined;
  if (!path) {
    return undefined;
  }
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`${escaped}:(\\d+)`).exec(`${failure.trace ?? ''}\n${failure.message ?? ''}`);
  const line = found ? Number(found[1]) : 1;
  const summary = failure.message?.split('\n').find((l) => l.trim() !== '')?.trim();
  return {
    path,
    startLine: line,
    endLine: line,
    level: 'failure',
    message: summary ? `${failure.name}: ${summary}` : `${failure.name} failed`,
    origin: failure.suite ? `tests (${failure.suite})` : 'tests',
  };
}

