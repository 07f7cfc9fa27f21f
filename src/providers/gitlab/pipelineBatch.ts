/**
 * One GraphQL request per instance per poll round instead of one REST probe per project. Every
 * project polled in the last ACTIVE_MS is registered with the lists it polls; a poll that finds no
 * batch covering its list waits one event-loop turn (so the polls of one round gather), then starts
 * a batch that asks for every registered project at once (pipelinesQuery.ts), split into queries of
 * at most MAX_PATHS_PER_QUERY projects and halved again when GitLab says a query is too complex.
 * Polls arriving while a batch is in flight share its answer (and so finish together, which keeps
 * the polls of one instance in step); a poll arriving later starts the next batch, so a change
 * still shows at the project's next poll, as fresh as a REST probe would show it.
 *
 * When GraphQL cannot serve (an older GitLab without `projects(fullPaths:)`, GraphQL turned off, a
 * wrong-shaped answer, a single project still too complex) `list` answers undefined for
 * DISABLED_MS and the provider polls by REST. Errors REST would meet as well (auth, rate limit,
 * network, 5xx, cancel) reach every poll of the batch as their typed error.
 */
import { CancelledError, isCiError } from '../../core/errors';
import { Lru } from '../../core/lru';
import type { Page, Run } from '../../core/model';
import type { Clock, Logger } from '../../core/ports';
import { SharedProbe, UnexpectedResponseError } from '../http';
import { GraphQLError } from './graphql';
import { wantKey, type BatchedProject, type ListWant } from './pipelinesQuery';

/** Asks for the lists `wants` of every project in `paths` (one query); answers by lower-case full path. */
export type GroupFetch = (paths: readonly string[], wants: readonly ListWant[], signal: AbortSignal) => Promise<ReadonlyMap<string, BatchedProject>>;

export const MAX_PATHS_PER_QUERY = 50;
/** Projects not polled for this long leave the batch. */
export const ACTIVE_MS = 15 * 60_000;
/** REST only for this long after GraphQL could not serve. */
export const DISABLED_MS = 10 * 60_000;
/** Project metadata (web URL, CI file) from an answer this old still serves listPipelines. */
const META_MS = 5 * 60_000;
const MAX_PROJECTS = 500;

interface Registered {
  readonly slug: string;
  readonly wants: Map<string, { readonly want: ListWant; lastAsked: number }>;
}

interface Batch {
  readonly startedAt: number;
  /** `slug\nwantKey` of every list asked for. */
  readonly covered: ReadonlySet<string>;
  probe?: SharedProbe;
  results?: ReadonlyMap<string, BatchedProject>;
}

const coverKey = (slug: string, want: ListWant): string => `${slug.toLowerCase()}\n${wantKey(want)}`;

/** Errors that say GraphQL cannot serve this instance (REST may still). */
function unusable(error: unknown): boolean {
  if (error instanceof GraphQLError || error instanceof UnexpectedResponseError) {
    return true;
  }
  return isCiError(error) && (error.kind === 'not_found' || error.kind === 'forbidden' || error.kind === 'validation');
}

export class PipelineBatch {
  private readonly registry = new Lru<string, Registered>(MAX_PROJECTS);
  private inFlight: Batch | undefined;
  private last: Batch | undefined;
  private gathering: { readonly promise: Promise<void>; readonly release: () => void; readonly timer: ReturnType<typeof setTimeout> } | undefined;
  private disabledUntil = Number.NEGATIVE_INFINITY;
  private maxPaths = MAX_PATHS_PER_QUERY;
  private disposed = false;

  constructor(
    private readonly clock: Clock,
    private readonly fetchGroup: GroupFetch,
    private readonly logger: Logger,
  ) {}

  /** Whether polls go by REST for now (GraphQL could not serve). */
  get disabled(): boolean {
    return this.clock.now() < this.disabledUntil;
  }

  /**
   * The first page `want` of `slug` from a batch answer; undefined when GraphQL cannot serve or the
   * answer does not list the project (the provider asks REST, which says why).
   */
  async list(slug: string, want: ListWant, signal: AbortSignal | undefined): Promise<Page<Run> | undefined> {
    if (this.disabled) {
      return undefined;
    }
    const key = this.register(slug, want);
    if (this.inFlight?.covered.has(key) !== true) {
      await this.gather();
      if (this.disabled) {
        return undefined;
      }
      if (this.inFlight?.covered.has(key) !== true) {
        this.start();
      }
    }
    const batch = this.inFlight as Batch;
    try {
      await batch.probe?.join(signal);
    } catch (error) {
      if (unusable(error)) {
        this.disable(error);
        return undefined;
      }
      throw error;
    }
    return pageOf(batch, slug, want);
  }

  /** What the newest answer (at most META_MS old) says about the project, if it lists it. */
  project(slug: string): BatchedProject | undefined {
    const last = this.last;
    return last !== undefined && !this.disabled && this.clock.now() - last.startedAt <= META_MS ? last.results?.get(slug.toLowerCase()) : undefined;
  }

  dispose(): void {
    this.disposed = true;
    if (this.gathering !== undefined) {
      clearTimeout(this.gathering.timer);
      this.gathering.release();
      this.gathering = undefined;
    }
    this.registry.clear();
    this.last = undefined;
  }

  private register(slug: string, want: ListWant): string {
    const lower = slug.toLowerCase();
    const entry = this.registry.get(lower) ?? { slug, wants: new Map() };
    this.registry.set(lower, entry);
    entry.wants.set(wantKey(want), { want, lastAsked: this.clock.now() });
    return coverKey(slug, want);
  }

  /** Resolves after one event-loop turn, shared by every poll arriving meanwhile. */
  private gather(): Promise<void> {
    if (this.gathering === undefined) {
      let release: () => void = () => undefined;
      const promise = new Promise<void>((resolve) => {
        release = resolve;
      });
      const timer = setTimeout(() => {
        this.gathering = undefined;
        release();
      }, 0);
      this.gathering = { promise, release, timer };
    }
    return this.gathering.promise.then(() => {
      if (this.disposed) {
        throw new CancelledError();
      }
    });
  }

  /** A batch for every registered project, grouped by the lists they poll. */
  private start(): void {
    const now = this.clock.now();
    const groups = new Map<string, { wants: ListWant[]; paths: string[] }>();
    const covered = new Set<string>();
    for (const entry of [...this.registry.values()]) {
      for (const [key, asked] of entry.wants) {
        if (now - asked.lastAsked > ACTIVE_MS) {
          entry.wants.delete(key);
        }
      }
      if (entry.wants.size === 0) {
        this.registry.delete(entry.slug.toLowerCase());
        continue;
      }
      const wants = [...entry.wants.values()].map((w) => w.want).sort((a, b) => (wantKey(a) < wantKey(b) ? -1 : 1));
      const signature = wants.map(wantKey).join('\n\n');
      const group = groups.get(signature) ?? { wants, paths: [] };
      group.paths.push(entry.slug);
      groups.set(signature, group);
      wants.forEach((want) => covered.add(coverKey(entry.slug, want)));
    }
    const batch: Batch = { startedAt: now, covered };
    batch.probe = new SharedProbe(
      async (signal) => {
        const results = new Map<string, BatchedProject>();
        await Promise.all([...groups.values()].map((group) => this.fetchSplit(group.paths, group.wants, signal, results)));
        batch.results = results;
        this.last = batch;
      },
      () => {
        if (this.inFlight === batch) {
          this.inFlight = undefined;
        }
      },
    );
    this.inFlight = batch;
  }

  /** `paths` in queries of at most maxPaths projects; a query GitLab finds too complex is halved. */
  private async fetchSplit(paths: readonly string[], wants: readonly ListWant[], signal: AbortSignal, into: Map<string, BatchedProject>): Promise<void> {
    if (paths.length > this.maxPaths) {
      const chunks: string[][] = [];
      for (let i = 0; i < paths.length; i += this.maxPaths) {
        chunks.push(paths.slice(i, i + this.maxPaths));
      }
      await Promise.all(chunks.map((chunk) => this.fetchSplit(chunk, wants, signal, into)));
      return;
    }
    try {
      for (const [path, project] of await this.fetchGroup(paths, wants, signal)) {
        into.set(path, project);
      }
    } catch (error) {
      if (!(error instanceof GraphQLError) || !error.tooComplex || paths.length <= 1) {
        throw error;
      }
      const half = Math.ceil(paths.length / 2);
      this.maxPaths = Math.min(this.maxPaths, half);
      this.logger.debug(`GitLab GraphQL: query of ${paths.length} projects too complex, asking ${half} at a time`);
      await Promise.all([this.fetchSplit(paths.slice(0, half), wants, signal, into), this.fetchSplit(paths.slice(half), wants, signal, into)]);
    }
  }

  private disable(error: unknown): void {
    if (!this.disabled) {
      this.logger.warn(`GitLab GraphQL cannot serve the poll (${error instanceof Error ? error.message : String(error)}); polling by REST for ${DISABLED_MS / 60_000} minutes`);
    }
    this.disabledUntil = this.clock.now() + DISABLED_MS;
    this.last = undefined;
  }
}

function pageOf(batch: Batch, slug: string, want: ListWant): Page<Run> | undefined {
  return batch.results?.get(slug.toLowerCase())?.lists.get(wantKey(want));
}
