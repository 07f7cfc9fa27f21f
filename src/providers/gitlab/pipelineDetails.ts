/**
 * Who started a GitLab pipeline, and when it really started and finished. The project pipeline
 * list (GitLab's PipelineBasic) has none of user, started_at and finished_at; only the single
 * pipeline endpoint does. Fetching it for every listed pipeline would multiply the requests, so:
 * only the DETAILED_RUNS newest pipelines of a listed page are asked for, each once per status it
 * is seen in (the user never changes; start and finish times change with the status), the
 * concurrent lists of one poll share the request for a pipeline they both show, and what is known
 * is merged into every list that shows the pipeline. Best effort: a failed detail request leaves
 * the run as the list gave it (the list request itself decides the poll's outcome).
 */
import { isCiError } from '../../core/errors';
import { Lru } from '../../core/lru';
import type { Run } from '../../core/model';
import { SharedProbe } from '../http';

/** The single pipeline, mapped (definitions.ts getRun). */
export type DetailRequest = (runId: string, signal: AbortSignal | undefined) => Promise<Run>;

/** Newest pipelines of a page whose details are fetched. */
export const DETAILED_RUNS = 5;
const MAX_PER_PROJECT = 500;

interface Detail {
  /** Status the details were read in; start and finish times hold for that status only. */
  readonly rawStatus: string;
  readonly actor?: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
}

export class PipelineDetails {
  private readonly projects = new Map<string, Lru<string, Detail>>();
  private readonly inFlight = new Map<string, SharedProbe>();

  /** `runs` with what is known of their details, after fetching those of the newest ones missing. */
  async enrich(slug: string, runs: readonly Run[], signal: AbortSignal | undefined, request: DetailRequest): Promise<readonly Run[]> {
    const known = this.project(slug);
    const missing = runs.slice(0, DETAILED_RUNS).filter((run) => known.get(run.id)?.rawStatus !== run.rawStatus);
    await Promise.all(missing.map((run) => this.fetch(slug, known, run, signal, request)));
    return runs.map((run) => merge(run, known.get(run.id)));
  }

  clear(): void {
    this.projects.clear();
    this.inFlight.clear();
  }

  /** One request per pipeline and status, shared by concurrent lists; each caller keeps its own signal. */
  private async fetch(slug: string, known: Lru<string, Detail>, run: Run, signal: AbortSignal | undefined, request: DetailRequest): Promise<void> {
    const key = `${slug}|${run.id}|${run.rawStatus}`;
    let shared = this.inFlight.get(key);
    if (shared === undefined) {
      const created: SharedProbe = new SharedProbe(
        async (requestSignal) => {
          const detail = await request(run.id, requestSignal);
          known.set(run.id, { rawStatus: detail.rawStatus, actor: detail.actor, startedAt: detail.startedAt, completedAt: detail.completedAt });
        },
        () => {
          if (this.inFlight.get(key) === created) {
            this.inFlight.delete(key);
          }
        },
      );
      shared = created;
      this.inFlight.set(key, shared);
    }
    try {
      await shared.join(signal);
    } catch (error) {
      if (isCiError(error) && error.kind === 'cancelled') {
        throw error;
      }
      // Best effort: the run stays as listed, and the next poll asks again.
    }
  }

  private project(slug: string): Lru<string, Detail> {
    let known = this.projects.get(slug);
    if (known === undefined) {
      known = new Lru(MAX_PER_PROJECT);
      this.projects.set(slug, known);
    }
    return known;
  }
}

/** The listed run with the details' user, and their times when they were read in the same status. */
function merge(run: Run, detail: Detail | undefined): Run {
  if (detail === undefined) {
    return run;
  }
  const sameStatus = detail.rawStatus === run.rawStatus;
  const actor = run.actor ?? detail.actor;
  const startedAt = run.startedAt ?? (sameStatus ? detail.startedAt : undefined);
  const completedAt = run.completedAt ?? (sameStatus ? detail.completedAt : undefined);
  if (actor === run.actor && startedAt === run.startedAt && completedAt === run.completedAt) {
    return run;
  }
  return { ...run, actor, startedAt, completedAt };
}
