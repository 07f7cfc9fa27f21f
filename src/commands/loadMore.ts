interface Pager {
  loadMoreRuns(repoKey: string, pipelineId: string): Promise<void>;
}

/** The "Load more…" leaf of a workflow. */
export function loadMoreCommand(sync: Pager) {
  return async (repoKey?: unknown, pipelineId?: unknown): Promise<void> => {
    if (typeof repoKey === 'string' && typeof pipelineId === 'string') {
      await sync.loadMoreRuns(repoKey, pipelineId);
    }
  };
}
