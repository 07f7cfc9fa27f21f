/**
 * "Which repository, run or job does this command act on?" One parser for every shape a
 * FlowForge command receives: tree nodes (RunNode `{ repoKey, run }`, JobNode `{ repoKey, job }`,
 * repository/workflow nodes `{ repoKey }`), the run panel and notifications (`{ repoKey, runId,
 * jobId? }`), and positional strings `(repoKey, runId[, jobId])`. vscode-free.
 */

export interface RepoTarget {
  readonly kind: 'repository';
  readonly repoKey: string;
}

export interface RunRef {
  readonly kind: 'run';
  readonly repoKey: string;
  readonly runId: string;
}

export interface JobRef {
  readonly kind: 'job';
  readonly repoKey: string;
  readonly runId: string;
  readonly jobId: string;
}

export type CommandTarget = RepoTarget | RunRef | JobRef;

/** Options a caller may pass after the target, e.g. `{ debug: true }` for a re-run. */
export interface CommandOptions {
  readonly debug?: boolean;
}

/** What the run panel passes to the commands it runs: the run on screen. */
export interface PanelRunArgs {
  readonly repoKey: string;
  readonly runId: string;
  readonly webUrl: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The id of `{ id: string }` (a Run or Job object carried by a tree node). */
function idOf(value: unknown): string | undefined {
  return isRecord(value) && nonEmpty(value.id) ? value.id : undefined;
}

function fromObject(value: Record<string, unknown>): CommandTarget | undefined {
  const repoKey = value.repoKey;
  if (!nonEmpty(repoKey)) {
    return undefined;
  }
  const job = value.job;
  const jobId = idOf(job);
  if (jobId !== undefined && isRecord(job) && nonEmpty(job.runId)) {
    return { kind: 'job', repoKey, runId: job.runId, jobId };
  }
  const runId = idOf(value.run) ?? (nonEmpty(value.runId) ? value.runId : undefined);
  if (runId !== undefined) {
    return nonEmpty(value.jobId) ? { kind: 'job', repoKey, runId, jobId: value.jobId } : { kind: 'run', repoKey, runId };
  }
  return { kind: 'repository', repoKey };
}

/**
 * Parses a command's arguments into its target; undefined when none is given (the command
 * then asks with a quick pick). Anything malformed is treated as "no target", never guessed.
 */
export function parseCommandTarget(args: readonly unknown[]): CommandTarget | undefined {
  const [first, second, third] = args;
  if (nonEmpty(first)) {
    if (!nonEmpty(second)) {
      return { kind: 'repository', repoKey: first };
    }
    return nonEmpty(third) ? { kind: 'job', repoKey: first, runId: second, jobId: third } : { kind: 'run', repoKey: first, runId: second };
  }
  return isRecord(first) ? fromObject(first) : undefined;
}

/** The run a target points at: the run itself, or a job's run. */
export function runRefOf(target: CommandTarget | undefined): RunRef | undefined {
  if (target === undefined || target.kind === 'repository') {
    return undefined;
  }
  return { kind: 'run', repoKey: target.repoKey, runId: target.runId };
}

/** `{ debug }` options anywhere after the target. */
export function parseCommandOptions(args: readonly unknown[]): CommandOptions {
  for (const arg of args.slice(1)) {
    if (isRecord(arg) && typeof arg.debug === 'boolean' && arg.repoKey === undefined) {
      return { debug: arg.debug };
    }
  }
  return {};
}

/**
 * The pipeline (workflow) a command is given along with its repository: a workflow tree node
 * `{ repoKey, pipeline }` or `{ repoKey, pipelineId }` (a workflow file's CodeLens); else undefined.
 */
export function pipelineIdOf(arg: unknown): string | undefined {
  if (!isRecord(arg)) {
    return undefined;
  }
  return idOf(arg.pipeline) ?? (nonEmpty(arg.pipelineId) ? arg.pipelineId : undefined);
}
