/**
 * "Load more" paging of one pipeline's runs, merged with the runs polled anyway.
 */
import type { Page, Run } from '../model';
import { mergeRuns } from '../runOrder';
import type { PagedRuns, PipelinePages, RepoSnapshot } from './types';

export type { PipelinePages } from './types';

/**
 * Recent and branch runs of the pipeline merged with its loaded pages, newest first.
 * Before any page is loaded, more runs exist unless the recent-runs listing was complete.
 */
export function pipelineRunsOf(snapshot: RepoSnapshot, pipelineId: string, pages: PipelinePages | undefined, recentHasMore: boolean, loading: boolean): PagedRuns {
  const ofPipeline = (runs: readonly Run[]): readonly Run[] => runs.filter((run) => run.pipelineId === pipelineId);
  const runs = mergeRuns(ofPipeline(snapshot.recentRuns), ofPipeline(snapshot.branchRuns), pages?.runs ?? []);
  return { runs, hasMore: pages?.hasMore ?? recentHasMore, loading };
}

/**
 * The pages to persist: each pipeline's `limit` newest paged runs. A cut list goes on from the page
 * after the last whole page it keeps (a page read again merges with what is kept).
 */
export function boundedPages(pages: ReadonlyMap<string, PipelinePages>, limit: number, pageSize: number): Record<string, PipelinePages> {
  const out: Record<string, PipelinePages> = {};
  for (const [pipelineId, paged] of pages) {
    out[pipelineId] = paged.runs.length <= limit ? paged : { runs: paged.runs.slice(0, limit), nextPage: Math.floor(limit / pageSize) + 1, hasMore: true };
  }
  return out;
}

/** Adds a fetched page: newer data wins for runs seen twice. */
export function addPage(pages: PipelinePages | undefined, page: Page<Run>): PipelinePages {
  return {
    runs: mergeRuns(page.items, pages?.runs ?? []),
    nextPage: (pages?.nextPage ?? 1) + 1,
    hasMore: page.hasMore,
  };
}
