/**
 * Finding the run a workflow dispatch created when the API did not return it:
 * the newest run of that workflow and ref, started by workflow_dispatch, created after
 * the dispatch (with some clock skew allowed), by the current user. vscode-free.
 */
import type { Run } from '../core/model';
import type { Clock } from '../core/ports';

export interface DispatchCriteria {
  readonly pipelineId: string;
  /** Branch or tag the run was dispatched on. */
  readonly ref: string;
  /** Epoch ms just before the dispatch request was sent. */
  readonly dispatchedAt: number;
  /** Login of the user who dispatched; undefined when unknown. */
  readonly actor?: string;
  /** Events a dispatched run may carry (GitHub "workflow_dispatch", GitLab "api"/"web"). */
  readonly events: readonly string[];
  /** Run ids known before the dispatch, never matched. */
  readonly knownRunIds?: ReadonlySet<string>;
}

/** Allowed difference between our clock and the server's. */
export const CLOCK_SKEW_MS = 30_000;

export function matchesDispatch(run: Run, criteria: DispatchCriteria): boolean {
  const created = Date.parse(run.createdAt);
  return (
    run.pipelineId === criteria.pipelineId &&
    run.branch === criteria.ref &&
    criteria.events.includes(run.event) &&
    Number.isFinite(created) &&
    created >= criteria.dispatchedAt - CLOCK_SKEW_MS &&
    (criteria.actor === undefined || run.actor === undefined || run.actor.toLowerCase() === criteria.actor.toLowerCase()) &&
    !(criteria.knownRunIds?.has(run.id) ?? false)
  );
}

/** The matching run created first after the dispatch (the oldest match: later ones may be someone else's). */
export function findDispatchedRun(runs: readonly Run[], criteria: DispatchCriteria): Run | undefined {
  return runs.filter((run) => matchesDispatch(run, criteria)).sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0];
}

export interface PollOptions {
  readonly clock: Clock;
  /** How many times to list runs (default 5). */
  readonly attempts?: number;
  /** Wait between attempts (default 2000 ms); the first attempt waits too, as runs appear with a delay. */
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
}

function sleep(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const handle = clock.setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      handle.dispose();
      resolve();
    }, { once: true });
  });
}

/** Lists recent runs a few times (bounded) until the dispatched run shows up; undefined if it does not. */
export async function pollForDispatchedRun(listRuns: () => Promise<readonly Run[]>, criteria: DispatchCriteria, options: PollOptions): Promise<Run | undefined> {
  const attempts = options.attempts ?? 5;
  const aborted = (): boolean => options.signal?.aborted === true;
  for (let attempt = 0; attempt < attempts && !aborted(); attempt++) {
    await sleep(options.clock, options.intervalMs ?? 2000, options.signal);
    if (aborted()) {
      break;
    }
    const found = findDispatchedRun(await listRuns(), criteria);
    if (found) {
      return found;
    }
  }
  return undefined;
}
