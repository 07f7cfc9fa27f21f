/**
 * What the provider has seen of one project's pipelines: id -> (updated_at, status, ref), from
 * list answers and `updated_after` probes, plus a sequence number per change so a cached page
 * can tell whether anything recorded after its request started contradicts it.
 */
import type { Run } from '../../core/model';

interface SeenPipeline {
  readonly updatedAt: string | undefined;
  readonly status: string;
  readonly ref: string | undefined;
  /** Value of the sequence when this version was recorded. */
  readonly seq: number;
}

/** Pipelines kept per project; the least recently updated are forgotten first. */
const MAX_SEEN = 500;

function parseTime(iso: string | undefined): number {
  return iso === undefined ? Number.NaN : Date.parse(iso);
}

function sameVersion(seen: SeenPipeline, run: Run): boolean {
  return seen.updatedAt === run.updatedAt && seen.status === run.rawStatus;
}

/** A first page of runs (newest id first), as a cached answer or a fresh one. */
export interface ListedPage {
  readonly items: readonly Run[];
  readonly hasMore: boolean;
  /** The page's `ref` filter; undefined for all refs. */
  readonly branch: string | undefined;
}

export class SeenPipelines {
  private readonly byId = new Map<string, SeenPipeline>();
  private seq = 0;

  /** Grows with every recorded change; a page remembers it when its request starts. */
  get generation(): number {
    return this.seq;
  }

  /** Epoch ms of the newest updated_at seen, if any. */
  newestUpdate(): number | undefined {
    let newest: number | undefined;
    for (const seen of this.byId.values()) {
      const at = parseTime(seen.updatedAt);
      if (!Number.isNaN(at) && (newest === undefined || at > newest)) {
        newest = at;
      }
    }
    return newest;
  }

  /** Records runs from a list or probe answer. An answer older than what was seen does not win. */
  record(runs: readonly Run[]): void {
    for (const run of runs) {
      const seen = this.byId.get(run.id);
      if (seen !== undefined && (sameVersion(seen, run) || parseTime(seen.updatedAt) > parseTime(run.updatedAt))) {
        continue;
      }
      this.seq += 1;
      this.byId.set(run.id, { updatedAt: run.updatedAt, status: run.rawStatus, ref: run.branch, seq: this.seq });
    }
    this.prune();
  }

  /**
   * Whether `page`, whose request started at generation `since`, still agrees with everything seen:
   * each of its runs is seen in the same version, and no pipeline recorded later belongs on it
   * without being there (same ref, and newer than its oldest run unless the page is the whole list).
   */
  agrees(page: ListedPage, since: number): boolean {
    for (const run of page.items) {
      const seen = this.byId.get(run.id);
      if (seen !== undefined && !sameVersion(seen, run)) {
        return false;
      }
    }
    const listed = new Set(page.items.map((run) => run.id));
    const oldest = Math.min(...page.items.map((run) => Number(run.id)));
    for (const [id, seen] of this.byId) {
      if (seen.seq <= since || listed.has(id) || (page.branch !== undefined && seen.ref !== page.branch)) {
        continue;
      }
      if (!page.hasMore || Number(id) > oldest) {
        return false;
      }
    }
    return true;
  }

  private prune(): void {
    if (this.byId.size <= MAX_SEEN) {
      return;
    }
    const byAge = [...this.byId].sort(([, a], [, b]) => (parseTime(a.updatedAt) || 0) - (parseTime(b.updatedAt) || 0));
    for (const [id] of byAge.slice(0, this.byId.size - MAX_SEEN)) {
      this.byId.delete(id);
    }
  }
}
