/**
 * Timeline issues as checks: one Check per task (or job) that logged errors or warnings, its
 * messages as the summary, and the issues that name a source file (data.sourcepath, linenumber,
 * columnnumber) as Annotations for the Problems panel. Pure.
 */
import type { Annotation, Check } from '../../core/model';
import { jobIdOf, stageOf, type TimelineIssue, type TimelineRecord } from './mapping';
import { mapRecordState } from './states';

export interface MappedIssues {
  readonly check: Check;
  readonly annotations: readonly Annotation[];
}

/**
 * A path as the agent saw it -> relative to the repository: the agent checks sources out into
 * `<work folder>/<n>/s/` (Linux and macOS) or `<drive>:\a\<n>\s\` (Windows).
 */
export function repositoryPath(sourcePath: string): string | undefined {
  const path = sourcePath.replace(/\\/g, '/');
  const relative = /^(?:[A-Za-z]:)?\/(?:.*\/)?\d+\/s\/(.+)$/.exec(path)?.[1] ?? (path.startsWith('/') || /^[A-Za-z]:/.test(path) ? undefined : path.replace(/^\.\//, ''));
  return relative === undefined || relative.split('/').includes('..') ? undefined : relative;
}

function annotationOf(issue: TimelineIssue, title: string): Annotation | undefined {
  const source = issue.data.sourcepath ?? issue.data.sourcePath;
  const path = source === undefined ? undefined : repositoryPath(source);
  const line = Number(issue.data.linenumber ?? issue.data.lineNumber ?? NaN);
  if (path === undefined || !Number.isInteger(line) || line < 1) return undefined;
  const column = Number(issue.data.columnnumber ?? issue.data.columnNumber ?? NaN);
  const code = issue.data.code;
  return {
    path,
    startLine: line,
    endLine: line,
    ...(Number.isInteger(column) && column > 0 ? { startColumn: column } : {}),
    level: issue.type === 'error' ? 'failure' : 'warning',
    title: code !== undefined ? `${title} (${code})` : title,
    message: issue.message,
  };
}

function describe(records: ReadonlyMap<string, TimelineRecord>, record: TimelineRecord): string {
  const job = record.type === 'Task' && record.parentId !== undefined ? records.get(record.parentId) : undefined;
  const stage = stageOf(records, record);
  return [stage?.name, job?.name, record.name].filter((part): part is string => part !== undefined && part !== '').join(' › ');
}

/** Checks of a build, one per record with issues, in timeline order. */
export function mapIssues(records: ReadonlyMap<string, TimelineRecord>, buildId: string, webUrl: string | undefined): MappedIssues[] {
  const out: MappedIssues[] = [];
  for (const record of [...records.values()].sort((a, b) => a.order - b.order)) {
    if (record.issues.length === 0 || (record.type !== 'Task' && record.type !== 'Job' && record.type !== 'Stage')) continue;
    const name = describe(records, record);
    const annotations = record.issues.map((issue) => annotationOf(issue, record.name)).filter((a): a is Annotation => a !== undefined);
    const errors = record.issues.filter((issue) => issue.type === 'error').length;
    const warnings = record.issues.length - errors;
    const counts = [errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter((c) => c !== '').join(', ');
    out.push({
      check: {
        id: jobIdOf(buildId, record.id),
        name,
        state: mapRecordState(record.state, record.result),
        rawStatus: record.result ?? record.state ?? 'unknown',
        title: counts,
        summary: record.issues.map((issue) => `- **${issue.type}**: ${issue.message.replace(/\r?\n/g, ' ')}`).join('\n'),
        annotationsCount: annotations.length,
        ...(webUrl !== undefined ? { webUrl } : {}),
      },
      annotations,
    });
  }
  return out;
}
