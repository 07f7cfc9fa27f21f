/**
 * Cheap steady-state polls for GitLab, which sends no ETag for pipeline lists. A first page of
 * runs answered before is reused when one probe, `GET /projects/:id/pipelines?updated_after=…
 * &order_by=updated_at&sort=desc`, shows that nothing on it changed; the concurrent lists of one
 * poll share that probe. No probe while a listed run is queued or running (the list changes
 * anyway), and a real list fetch at least every MAX_REUSES + 1 polls of a page, since a deleted
 * pipeline never shows up in `updated_after`.
 */
import { CancelledError } from '../../core/errors';
import { Lru } from '../../core/lru';
import type { Page, Run } from '../../core/model';
import { SeenPipelines } from './seenPipelines';
import { SharedProbe } from '../http';

/** Probe: pipelines updated after `updatedAfter` (ISO 8601; all when undefined), newest update first. */
export type ProbeRequest = (updatedAfter: string | undefined, signal: AbortSignal) => Promise<readonly Run[]>;

/** Polls answered from the cache in a row before a page is fetched again. */
export const MAX_REUSES = 9;
/** Margin below the newest updated_at seen, for timestamps rounded to the second. */
const PROBE_MARGIN_MS = 1000;
const MAX_PAGES_PER_PROJECT = 16;
const MAX_PROJECTS = 200;

interface CachedPage {
  readonly page: Page<Run>;
  readonly branch: string | undefined;
  /** Seen generation when the page's request started. */
  readonly since: number;
  reuses: number;
}

interface Project {
  readonly seen: SeenPipelines;
  readonly pages: Lru<string, CachedPage>;
  probe: SharedProbe | undefined;
}

/** GitLab states that change without anyone acting (core `queued` and `running`). */
function isLive(run: Run): boolean {
  return run.state === 'queued' || run.state === 'running';
}

export class UpdatedSince {
  private readonly projects = new Lru<string, Project>(MAX_PROJECTS);

  /** Seen generation of the project: pass it to `store` for a list request started now. */
  generation(slug: string): number {
    return this.projects.peek(slug)?.seen.generation ?? 0;
  }

  /**
   * The cached first page under `key` when a probe (shared with concurrent callers of the
   * project) shows it is still current; undefined when the list must be fetched.
   * Probe errors propagate like those of any request.
   */
  async cached(slug: string, key: string, signal: AbortSignal | undefined, probe: ProbeRequest): Promise<Page<Run> | undefined> {
    const project = this.projects.get(slug);
    const entry = project?.pages.get(key);
    if (project === undefined || entry === undefined || entry.reuses >= MAX_REUSES || this.hasLiveRun(project)) {
      return undefined;
    }
    await this.probe(project, signal, probe);
    if (project.pages.peek(key) !== entry || !project.seen.agrees({ ...entry.page, branch: entry.branch }, entry.since)) {
      return undefined;
    }
    entry.reuses += 1;
    return entry.page;
  }

  /** Records a fetched first page whose request started at generation `since`, and caches it unless something seen meanwhile contradicts it. */
  store(slug: string, key: string, branch: string | undefined, page: Page<Run>, since: number): void {
    const project = this.project(slug);
    project.seen.record(page.items);
    if (project.seen.agrees({ ...page, branch }, since)) {
      project.pages.set(key, { page, branch, since, reuses: 0 });
    } else {
      project.pages.delete(key);
    }
  }

  clear(): void {
    this.projects.clear();
  }

  private probe(project: Project, signal: AbortSignal | undefined, request: ProbeRequest): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(new CancelledError());
    }
    if (project.probe === undefined) {
      const newest = project.seen.newestUpdate();
      const updatedAfter = newest === undefined ? undefined : new Date(newest - PROBE_MARGIN_MS).toISOString();
      const shared: SharedProbe = new SharedProbe(
        async (probeSignal) => project.seen.record(await request(updatedAfter, probeSignal)),
        () => {
          if (project.probe === shared) {
            project.probe = undefined;
          }
        },
      );
      project.probe = shared;
    }
    return project.probe.join(signal);
  }

  private hasLiveRun(project: Project): boolean {
    return [...project.pages.values()].some((entry) => entry.page.items.some(isLive));
  }

  private project(slug: string): Project {
    const project = this.projects.get(slug) ?? { seen: new SeenPipelines(), pages: new Lru<string, CachedPage>(MAX_PAGES_PER_PROJECT), probe: undefined };
    this.projects.set(slug, project);
    return project;
  }
}
