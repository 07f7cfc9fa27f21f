/**
 * "Load more" paging of one pipeline's runs, merged with the runs polled anyway.
 */
import type { Page, Run } from '../model';
import { mergeRuns } from '../runOrder';
import type { PagedRuns, RepoSnapshot } from './types';

/** Pages of one pipeline loaded by loadMoreRuns. */
export interface PipelinePages {
  readonly runs: readonly Run[];
  /** 1-based number of the page to load next. */
  readonly nextPage: number;
  readonly hasMore: boolean;
}

/**
 * Recent and branch runs of the pipeline merged with its loaded pages, newest first.
 * Before any page is loaded, more runs exist unless the recent-runs listing was complete.
 */
export function pipelineRunsOf(snapshot: RepoSnapshot, pipelineId: string, pages: PipelinePages | undefined, recentHasMore: boolean, loading: boolean): PagedRuns {
  const ofPipeline = (runs: readonly Run[]): readonly Run[] => runs.filter((run) => run.pipelineId === pipelineId);
  const runs = mergeRuns(ofPipeline(snapshot.recentRuns), ofPipeline(snapshot.branchRuns), pages?.runs ?? []);
  return { runs, hasMore: pages?.hasMore ?? recentHasMore, loading };
}

/** Adds a fetched page: newer data wins for runs seen twice. */
export function addPage(pages: PipelinePages | undefined, page: Page<Run>): PipelinePages {
  return {
    runs: mergeRuns(page.items, pages?.runs ?? []),
    nextPage: (pages?.nextPage ?? 1) + 1,
    hasMore: page.hasMore,
  };
}
