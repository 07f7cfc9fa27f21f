/**
 * The typed message protocol between the run details panel (extension host) and its
 * webview. Host -> webview messages are `HostMessage`; webview -> host are `WebviewMessage`.
 * The host acts only on messages that passed `validateWebviewMessage` (see ./validate.ts).
 * No `vscode` and no DOM here: both sides compile this file.
 */
import type { AnnotationLevel, ProviderKind, RunState } from '../core/model';

/** Commands the webview may ask the host to run. Anything else is rejected. */
export const RUN_ACTIONS = ['flowforge.rerunRun', 'flowforge.rerunFailedJobs', 'flowforge.cancelRun', 'flowforge.unblockJob', 'flowforge.openInBrowser', 'flowforge.showInsights'] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

/** Header data of a run. Timestamps are ISO 8601; the webview computes durations. */
export interface RunHeader {
  /** Kind of the run's provider. */
  readonly provider: ProviderKind;
  readonly state: RunState;
  readonly rawStatus: string;
  readonly workflowName: string;
  readonly number: number;
  readonly attempt: number;
  readonly branch?: string;
  /** Short commit SHA (7–12 characters). */
  readonly sha: string;
  readonly commitTitle: string;
  readonly actor?: string;
  readonly event: string;
  readonly createdAt?: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  /** Last change; where the API gives no completion time (GitLab's pipeline list), a finished run ended then. */
  readonly updatedAt?: string;
  readonly webUrl: string;
  /** Actions the provider supports for this run in its current state. */
  readonly actions: readonly RunAction[];
}

export interface StepView {
  readonly number: number;
  readonly name: string;
  readonly state: RunState;
  readonly startedAt?: string;
  readonly completedAt?: string;
}

export interface JobView {
  readonly id: string;
  readonly name: string;
  /** GitLab stage; GitHub jobs have none and are grouped under one heading. */
  readonly stage?: string;
  readonly state: RunState;
  readonly rawStatus: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly webUrl?: string;
  readonly steps: readonly StepView[];
}

export interface AnnotationView {
  readonly level: AnnotationLevel;
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly startColumn?: number;
  readonly title?: string;
  readonly message: string;
}

/** Formats a check's summary can come in. */
export const SUMMARY_FORMATS = ['markdown', 'html'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

export interface CheckView {
  readonly id: string;
  readonly name: string;
  readonly state: RunState;
  readonly rawStatus: string;
  readonly title?: string;
  /**
   * From the API: hostile. Markdown (the default; HTML inside it goes through the webview's
   * allowlist sanitizer) or HTML (e.g. a Buildkite annotation's `body_html`), see summaryFormat.
   */
  readonly summary?: string;
  /** How `summary` is written; absent means Markdown. */
  readonly summaryFormat?: SummaryFormat;
  readonly webUrl?: string;
  readonly annotations: readonly AnnotationView[];
}

export interface TestFailureView {
  readonly suite: string;
  readonly name: string;
  readonly file?: string;
  readonly message?: string;
  readonly trace?: string;
}

export interface TestReportView {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errored: number;
  readonly failures: readonly TestFailureView[];
}

/** An error or warning line shape of the run's provider (a RegExp source without flags). */
export interface LogMarkerView {
  readonly level: 'error' | 'warning';
  readonly pattern: string;
}

export type LogErrorKind = 'gone' | 'not_found' | 'other';

/** One artifact of the run, as the Artifacts tab lists it. */
export interface ArtifactView {
  readonly id: string;
  readonly name: string;
  readonly sizeBytes?: number;
  /** ISO 8601. */
  readonly expiresAt?: string;
  readonly expired: boolean;
  readonly format: 'zip' | 'file';
}

/** What the Artifacts tab's buttons ask for. */
export const ARTIFACT_ACTIONS = ['download', 'open'] as const;
export type ArtifactAction = (typeof ARTIFACT_ACTIONS)[number];

/** Host -> webview. */
export type HostMessage =
  | {
      readonly type: 'init';
      readonly run: RunHeader;
      /** The provider's log markers; checked on the webview side (see validate.ts logMarkersOf). */
      readonly logMarkers?: readonly LogMarkerView[];
    }
  /** The run changed (status, actions) while the panel is open. */
  | { readonly type: 'state'; readonly run: RunHeader }
  | { readonly type: 'jobs'; readonly jobs: readonly JobView[] }
  /** A piece of a job log. `append: false` replaces what was shown. */
  | { readonly type: 'log'; readonly jobId: string; readonly chunk: string; readonly append: boolean; readonly complete: boolean }
  | { readonly type: 'logError'; readonly jobId: string; readonly kind: LogErrorKind; readonly message: string }
  | {
      readonly type: 'checks';
      readonly checks: readonly CheckView[];
      readonly testReport?: TestReportView;
      /** Set when the checks could not be loaded. */
      readonly error?: string;
    }
  /** Ask the webview to show one job (e.g. the panel was opened from a job). */
  | { readonly type: 'focusJob'; readonly jobId: string }
  /** The run's artifacts (sent only for providers that have them); `error` when they could not be listed. */
  | { readonly type: 'artifacts'; readonly artifacts: readonly ArtifactView[]; readonly error?: string };

/** Webview -> host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'selectJob'; readonly jobId: string }
  | { readonly type: 'openExternal'; readonly url: string }
  | { readonly type: 'openFile'; readonly path: string; readonly line: number; readonly column?: number }
  | { readonly type: 'runCommand'; readonly command: RunAction }
  | { readonly type: 'copy'; readonly text: string }
  /** Open the job's whole log, without colours, in an editor tab. */
  | { readonly type: 'openRawLog'; readonly jobId: string }
  /** Download an artifact of the run, or open it in an editor; the id must be one the host listed. */
  | { readonly type: 'artifact'; readonly action: ArtifactAction; readonly artifactId: string };

export type WebviewMessageType = WebviewMessage['type'];

/** Compile-time exhaustiveness guard for `switch (message.type)`. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}
