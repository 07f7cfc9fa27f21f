import * as vscode from 'vscode';
import { isFiltered, parseFeedFilter, type FeedFilter } from '../../core/activity/feedFilter';

const FILTER_KEY = 'flowforge.activity.filter';
/** Runs shown at first, and added by each "Load more…". */
export const FEED_PAGE = 50;

/** The Activity feed's filter (remembered per workspace) and how many runs it shows. */
export class FeedState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: FeedFilter;
  private shown = FEED_PAGE;

  constructor(private readonly memento: vscode.Memento) {
    this.current = parseFeedFilter(memento.get<unknown>(FILTER_KEY));
    void this.syncContext();
  }

  get filter(): FeedFilter {
    return this.current;
  }

  get limit(): number {
    return this.shown;
  }

  async setFilter(filter: FeedFilter): Promise<void> {
    this.current = filter;
    this.shown = FEED_PAGE;
    await this.memento.update(FILTER_KEY, filter);
    await this.syncContext();
    this.changed.fire();
  }

  /** `flowforge.activityFiltered` shows the view's "Clear Filter" button. */
  private async syncContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'flowforge.activityFiltered', isFiltered(this.current));
  }

  showMore(): void {
    this.shown += FEED_PAGE;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
