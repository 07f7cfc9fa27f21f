import { buildFeed, type FeedSource, type LoginOf } from '../core/activity/feed';
import type { FeedState } from '../views/activity/feedState';
import { FEED_PAGE } from '../views/activity/feedState';

/** Pipelines asked for an older page per click, at most: each is one request. */
const MAX_PAGES_PER_CLICK = 10;

export interface ActivityLoadMoreDeps {
  readonly source: FeedSource & { loadMoreRuns(repoKey: string, pipelineId: string): Promise<void> };
  readonly state: FeedState;
  readonly loginOf: LoginOf;
}

/**
 * The Activity feed's "Load more…": shows the next runs it already holds and, when those do
 * not fill a page, asks the filtered repositories' pipelines for an older page (user-initiated
 * requests only; the feed itself never polls).
 */
export function activityLoadMoreCommand(deps: ActivityLoadMoreDeps) {
  return async (): Promise<void> => {
    const feed = buildFeed(deps.source, deps.state.filter, deps.loginOf, deps.state.limit);
    deps.state.showMore();
    if (feed.hiddenCount >= FEED_PAGE) {
      return;
    }
    const pages = feed.morePipelines.slice(0, MAX_PAGES_PER_CLICK);
    await Promise.all(pages.map((page) => deps.source.loadMoreRuns(page.repoKey, page.pipelineId)));
  };
}
