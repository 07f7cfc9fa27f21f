/**
 * GitLab Code Quality: the pipeline's jobs whose `artifacts` list a `codequality` report,
 * each report downloaded and parsed (Code Climate JSON: an array of issues).
 *
 * Route: GET /projects/:id/jobs/:job_id/artifacts/*artifact_path, the documented way to
 * download one file of a job's artifacts. Limitation: GitLab serves that route from the job's
 * archive only, so a report declared solely under `artifacts:reports:codequality` answers 404
 * (gitlab-org/gitlab#15569) unless the job also lists the file under `artifacts:paths`.
 * A missing, forbidden, expired, oversized or malformed report is skipped, never an error.
 */
import type { AnnotationLevel, RepoRef } from '../../core/model';
import type { CodeQualityIssue } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import type { GitLabHttp } from './http';
import { asArray, asRecord, child, idOf, isRecord, num, str, type JsonRecord } from '../http';
import { getAllPages } from './pagination';
import { encodeProject } from './urls';

const DEFAULT_REPORT = 'gl-code-quality-report.json';
/** Reports bigger than this are skipped. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;
const MAX_JOBS = 10;
const MAX_ISSUES = 1000;

const LEVELS: Readonly<Record<string, AnnotationLevel>> = {
  blocker: 'failure',
  critical: 'failure',
  major: 'failure',
  minor: 'warning',
  info: 'notice',
};

export async function getCodeQuality(http: GitLabHttp, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<readonly CodeQualityIssue[]> {
  const project = encodeProject(repo.slug);
  const jobs = await getAllPages(http, `/projects/${project}/pipelines/${encodeURIComponent(runId)}/jobs`, `jobs of pipeline ${runId} of ${repo.slug}`, { signal: options.signal });
  const reports = jobs
    .map(asRecord)
    .flatMap((job) => {
      const artifact = asArray(job.artifacts).map(asRecord).find((a) => str(a, 'file_type') === 'codequality');
      return artifact ? [{ jobId: idOf(job), path: reportPath(artifact) }] : [];
    })
    .filter((r) => r.jobId !== '')
    .slice(0, MAX_JOBS);
  const issues: CodeQualityIssue[] = [];
  for (const report of reports) {
    const response = await http.request({
      path: `/projects/${project}/jobs/${encodeURIComponent(report.jobId)}/artifacts/${report.path.split('/').map(encodeURIComponent).join('/')}`,
      what: `code quality report of job ${report.jobId} of ${repo.slug}`,
      signal: options.signal,
      accept: [403, 404, 410],
      as: 'bytes',
    });
    if (response.status >= 300 || !response.bytes || response.bytes.length > MAX_REPORT_BYTES) {
      continue;
    }
    issues.push(...parseCodeQualityReport(new TextDecoder().decode(response.bytes)));
  }
  return issues.slice(0, MAX_ISSUES);
}

/** The report's name from the artifact entry (GitLab stores it raw under its own name). */
function reportPath(artifact: JsonRecord): string {
  const name = str(artifact, 'filename') ?? '';
  return /^[\w.-]+\.json$/.test(name) ? name : DEFAULT_REPORT;
}

/** Parses a Code Climate report; anything but an array of well-formed issues reads as fewer issues. */
export function parseCodeQualityReport(text: string): CodeQualityIssue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return [];
  }
  const issues: CodeQualityIssue[] = [];
  for (const entry of asArray(parsed)) {
    const issue = isRecord(entry) ? mapIssue(entry) : undefined;
    if (issue) {
      issues.push(issue);
    }
    if (issues.length >= MAX_ISSUES) {
      break;
    }
  }
  return issues;
}

function mapIssue(entry: JsonRecord): CodeQualityIssue | undefined {
  const location = child(entry, 'location');
  const path = str(location, 'path');
  const description = str(entry, 'description');
  if (!path || path.trim() === '' || !description) {
    return undefined;
  }
  const lines = child(location, 'lines');
  const positions = child(location, 'positions');
  const begin = num(lines, 'begin') ?? num(child(positions, 'begin'), 'line') ?? 1;
  const end = num(lines, 'end') ?? num(child(positions, 'end'), 'line') ?? begin;
  const startLine = Math.max(1, Math.floor(begin));
  const severity = (str(entry, 'severity') ?? 'info').toLowerCase();
  const checkName = str(entry, 'check_name');
  return {
    path,
    startLine,
    endLine: Math.max(startLine, Math.floor(end)),
    severity,
    level: LEVELS[severity] ?? 'notice',
    description,
    ...(checkName ? { checkName } : {}),
  };
}
