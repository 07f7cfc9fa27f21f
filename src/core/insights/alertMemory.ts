/**
 * "Say so once": which trend alerts were already shown, per workflow, kind and window. An
 * alert is shown again only for a window that shares no run with the window it was last
 * shown for, so a workflow that stays below the threshold is reported once per fresh window,
 * not at every poll or every new run. Serializable, so the platform keeps it across sessions.
 */
import type { TrendAlert } from './trends';

/** Alert key -> run ids of the window it was last shown for. */
export type AlertMemoryState = Readonly<Record<string, readonly string[]>>;

/** Workflow keys kept at most (the oldest are forgotten first). */
const MAX_ENTRIES = 500;

export class AlertMemory {
  private readonly shown = new Map<string, readonly string[]>();

  constructor(initial: unknown = {}) {
    if (typeof initial === 'object' && initial !== null && !Array.isArray(initial)) {
      for (const [key, ids] of Object.entries(initial)) {
        if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) {
          this.shown.set(key, ids);
        }
      }
    }
  }

  /**
   * True when `alert` for `workflowKey` should be shown now, and remembers it as shown; false
   * when it was shown for an overlapping window already.
   */
  claim(workflowKey: string, alert: TrendAlert): boolean {
    const key = `${workflowKey}|${alert.kind}`;
    const previous = this.shown.get(key);
    if (previous !== undefined && alert.window.some((id) => previous.includes(id))) {
      return false;
    }
    this.shown.delete(key);
    this.shown.set(key, alert.window);
    while (this.shown.size > MAX_ENTRIES) {
      const oldest = this.shown.keys().next().value as string;
      this.shown.delete(oldest);
    }
    return true;
  }

  toJSON(): AlertMemoryState {
    return Object.fromEntries(this.shown);
  }
}
