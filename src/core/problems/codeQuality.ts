/** Code-quality findings as annotations of one synthetic "Code Quality" check. */
import type { Annotation, Check } from '../model';
import type { CodeQualityIssue } from '../ci/operations';

export const CODE_QUALITY_CHECK = 'Code Quality';

export function codeQualityAnnotation(issue: CodeQualityIssue): Annotation {
  return {
    path: issue.path,
    startLine: issue.startLine,
    endLine: issue.endLine,
    level: issue.level,
    ...(issue.checkName ? { title: issue.checkName } : {}),
    message: issue.description,
  };
}

/** One check for a run's code-quality report: failed when any issue is failure-level, else neutral. */
export function codeQualityCheck(runId: string, issues: readonly CodeQualityIssue[]): Check & { readonly annotations: readonly Annotation[] } {
  const failing = issues.some((issue) => issue.level === 'failure');
  return {
    id: `code-quality-${runId}`,
    name: CODE_QUALITY_CHECK,
    state: failing ? 'failure' : 'neutral',
    rawStatus: 'completed',
    title: `${issues.length} code quality issue${issues.length === 1 ? '' : 's'}`,
    annotationsCount: issues.length,
    annotations: issues.map(codeQualityAnnotation),
  };
}
