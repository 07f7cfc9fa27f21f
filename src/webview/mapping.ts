/** Maps the core model onto the webview protocol's view types. Pure. */
import type { Job, ProviderKind, Run } from '../core/model';
import type { TestReport } from '../core/ci/operations';
import type { LogMarker } from '../core/ci/descriptor';
import type { CheckView, JobView, LogErrorKind, LogMarkerView, RunAction, RunHeader, TestReportView } from '../shared/protocol';
import type { ChecksResult } from './logSource';

/** Annotations and failures beyond these are not sent (the panel is not a report archive). */
const MAX_ANNOTATIONS = 500;
const MAX_FAILURES = 500;

export function toRunHeader(run: Run, provider: ProviderKind, actions: readonly RunAction[]): RunHeader {
  return {
    provider,
    state: run.state,
    rawStatus: run.rawStatus,
    workflowName: run.pipelineName,
    number: run.number,
    attempt: run.attempt,
    ...(run.branch !== undefined ? { branch: run.branch } : {}),
    sha: run.headSha.slice(0, 7),
    commitTitle: run.title.split('\n')[0] ?? '',
    ...(run.actor !== undefined ? { actor: run.actor } : {}),
    event: run.event,
    createdAt: run.createdAt,
    ...(run.startedAt !== undefined ? { startedAt: run.startedAt } : {}),
    ...(run.completedAt !== undefined ? { completedAt: run.completedAt } : {}),
    ...(run.updatedAt !== undefined ? { updatedAt: run.updatedAt } : {}),
    webUrl: run.webUrl,
    actions,
  };
}

export function toJobView(job: Job): JobView {
  return {
    id: job.id,
    name: job.name,
    ...(job.stage !== undefined ? { stage: job.stage } : {}),
    state: job.state,
    rawStatus: job.rawStatus,
    ...(job.startedAt !== undefined ? { startedAt: job.startedAt } : {}),
    ...(job.completedAt !== undefined ? { completedAt: job.completedAt } : {}),
    ...(job.webUrl !== undefined ? { webUrl: job.webUrl } : {}),
    steps: job.steps.map((step) => ({
      number: step.number,
      name: step.name,
      state: step.state,
      ...(step.startedAt !== undefined ? { startedAt: step.startedAt } : {}),
      ...(step.completedAt !== undefined ? { completedAt: step.completedAt } : {}),
    })),
  };
}

export function toTestReportView(report: TestReport): TestReportView {
  return {
    total: report.total,
    passed: report.passed,
    failed: report.failed,
    skipped: report.skipped,
    errored: report.errored,
    failures: report.failures.slice(0, MAX_FAILURES).map((f) => ({
      suite: f.suite,
      name: f.name,
      ...(f.file !== undefined ? { file: f.file } : {}),
      ...(f.message !== undefined ? { message: f.message } : {}),
      ...(f.trace !== undefined ? { trace: f.trace } : {}),
    })),
  };
}

export function toCheckViews(result: ChecksResult): readonly CheckView[] {
  return result.checks.map((check) => ({
    id: check.id,
    name: check.name,
    state: check.state,
    rawStatus: check.rawStatus,
    ...(check.title !== undefined ? { title: check.title } : {}),
    ...(check.summary !== undefined ? { summary: check.summary } : {}),
    ...(check.summaryFormat === 'html' ? { summaryFormat: 'html' as const } : {}),
    ...(check.webUrl !== undefined ? { webUrl: check.webUrl } : {}),
    annotations: check.annotations.slice(0, MAX_ANNOTATIONS).map((a) => ({
      level: a.level,
      path: a.path,
      startLine: a.startLine,
      endLine: a.endLine,
      ...(a.startColumn !== undefined ? { startColumn: a.startColumn } : {}),
      ...(a.title !== undefined ? { title: a.title } : {}),
      message: a.message,
    })),
  }));
}

/** How a log failure is shown: expired (410), missing (404) or anything else. */
export function logErrorKind(error: unknown): LogErrorKind {
  const kind = typeof error === 'object' && error !== null ? (error as { kind?: unknown }).kind : undefined;
  return kind === 'gone' ? 'gone' : kind === 'not_found' ? 'not_found' : 'other';
}

/** A provider's log markers for the webview: their sources (descriptor patterns carry no flags). */
export function toLogMarkerViews(markers: readonly LogMarker[] | undefined): LogMarkerView[] {
  return (markers ?? []).map((marker) => ({ level: marker.level, pattern: marker.pattern.source }));
}
