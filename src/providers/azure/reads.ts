/**
 * The reads of an Azure Repos repository's pipelines. The repository's build definitions (full, so
 * they name their repository and YAML file) are listed once per 10 minutes and give the repository
 * id that build listings filter by; build lists page by continuation token (x-ms-continuationtoken),
 * remembered per page so "Load more" asks one page; build timelines are fetched whole once, then only
 * the records changed since their changeId while a build runs.
 */
import type { Clock } from '../../core/ports';
import type { Page, RepoRef, Run } from '../../core/model';
import { Lru } from '../../core/lru';
import { asRecord, child, isRecord, num, requireArray, requireRecord, str, type JsonRecord } from '../http';
import type { AzureClient } from './client';
import { mapBuild, pendingApprovalRecords, recordOf, type TimelineRecord } from './mapping';
import { buildPath, projectApi, refOfBranch, splitSlug } from './urls';

const DEFINITIONS_TTL_MS = 10 * 60_000;
export const MAX_TOP = 100;
const MAX_DEFINITION_PAGES = 10;
export const CONTINUATION = 'x-ms-continuationtoken';

/** The items of a VSS collection answer: `{ "count": n, "value": [...] }`. */
export function valueOf(body: unknown, what: string): readonly unknown[] {
  return requireArray(requireRecord(body, what, ['value']).value, what);
}

export interface RepositoryInfo {
  /** The Git repository's id, as its definitions name it; undefined when no definition builds it. */
  readonly repositoryId?: string;
  /** Full build definitions whose repository is this one. */
  readonly definitions: readonly JsonRecord[];
}

export interface BuildQuery {
  readonly branch?: string;
  readonly definitionId?: string;
  readonly perPage: number;
  readonly page: number;
}

interface TimelineState {
  readonly timelineId: string;
  changeId: number;
  readonly records: Map<string, TimelineRecord>;
}

export class AzureReads {
  private readonly repositories = new Lru<string, { readonly info: RepositoryInfo; readonly at: number }>(100);
  private readonly repositoriesInFlight = new Map<string, Promise<RepositoryInfo>>();
  /** Continuation tokens of later pages, per listing and page number. */
  private readonly tokens = new Lru<string, string>(500);
  /** Build bodies seen lately (their plan id is the timeline id). */
  private readonly buildBodies = new Lru<string, JsonRecord>(500);
  private readonly timelines = new Lru<string, TimelineState>(200);

  constructor(
    private readonly client: AzureClient,
    private readonly clock: Clock,
  ) {}

  /** The repository's definitions, shared by concurrent callers and reused for 10 minutes unless `fresh`. */
  async repository(repo: RepoRef, signal: AbortSignal | undefined, fresh = false): Promise<RepositoryInfo> {
    const cached = this.repositories.get(repo.slug);
    if (!fresh && cached !== undefined && this.clock.now() - cached.at < DEFINITIONS_TTL_MS) return cached.info;
    const pending = this.repositoriesInFlight.get(repo.slug);
    if (pending !== undefined) return pending;
    const promise = this.fetchRepository(repo, signal)
      .then((info) => {
        this.repositories.set(repo.slug, { info, at: this.clock.now() });
        return info;
      })
      .finally(() => this.repositoriesInFlight.delete(repo.slug));
    this.repositoriesInFlight.set(repo.slug, promise);
    return promise;
  }

  private async fetchRepository(repo: RepoRef, signal: AbortSignal | undefined): Promise<RepositoryInfo> {
    const name = splitSlug(repo.slug).repository.toLowerCase();
    const what = `build definitions of ${repo.slug}`;
    const definitions: JsonRecord[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_DEFINITION_PAGES; page++) {
      const answer = await this.client.request({
        path: `${projectApi(repo.slug)}/build/definitions`,
        what,
        query: { includeAllProperties: true, queryOrder: 'definitionNameAscending', $top: MAX_TOP, continuationToken: token },
        signal,
      });
      for (const item of valueOf(answer.body, `Azure DevOps ${what}`)) {
        const repository = child(asRecord(item), 'repository');
        if (isRecord(item) && str(repository, 'type') === 'TfsGit' && str(repository, 'name')?.toLowerCase() === name) definitions.push(item);
      }
      token = answer.headers.get(CONTINUATION) ?? undefined;
      if (token === undefined) break;
    }
    const repositoryId = definitions.map((d) => str(child(d, 'repository'), 'id')).find((id) => id !== undefined);
    return { definitions, ...(repositoryId !== undefined ? { repositoryId } : {}) };
  }

  /** The cached repository info without a request (undefined when not known yet). */
  knownRepository(repo: RepoRef): RepositoryInfo | undefined {
    return this.repositories.peek(repo.slug)?.info;
  }

  async builds(repo: RepoRef, query: BuildQuery, signal: AbortSignal | undefined): Promise<Page<Run>> {
    const info = await this.repository(repo, signal);
    if (info.repositoryId === undefined) return { items: [], hasMore: false, totalCount: 0 };
    const top = Math.min(MAX_TOP, Math.max(1, Math.floor(query.perPage)));
    const key = `${repo.slug}|${query.branch ?? ''}|${query.definitionId ?? ''}|${top}`;
    // A later page needs the token the page before it ended with: walk there when it is not known.
    let page = query.page;
    while (page > 1 && !this.tokens.has(`${key}|${page}`)) page -= 1;
    for (;;) {
      const continuationToken = page > 1 ? this.tokens.get(`${key}|${page}`) : undefined;
      const answer = await this.client.request({
        path: `${projectApi(repo.slug)}/build/builds`,
        what: `builds of ${repo.slug}`,
        query: {
          repositoryId: info.repositoryId,
          repositoryType: 'TfsGit',
          branchName: query.branch === undefined ? undefined : refOfBranch(query.branch),
          definitions: query.definitionId,
          queryOrder: 'queueTimeDescending',
          $top: top,
          continuationToken,
        },
        signal,
      });
      const items = valueOf(answer.body, `Azure DevOps builds of ${repo.slug}`);
      const next = answer.headers.get(CONTINUATION) ?? undefined;
      if (next !== undefined) this.tokens.set(`${key}|${page + 1}`, next);
      if (page >= query.page || next === undefined) {
        if (page < query.page) return { items: [], hasMore: false };
        return { items: items.map((item) => this.mapListed(repo, item)), hasMore: next !== undefined };
      }
      page += 1;
    }
  }

  private mapListed(repo: RepoRef, item: unknown): Run {
    const body = asRecord(item);
    const id = String(num(body, 'id') ?? '');
    this.buildBodies.set(`${repo.slug}#${id}`, body);
    return mapBuild(repo, body, this.waiting(repo, id));
  }

  /** True when the last timeline read of a running build showed an approval waiting. */
  private waiting(repo: RepoRef, buildId: string): boolean {
    const timeline = this.timelines.peek(`${repo.slug}#${buildId}`);
    return timeline !== undefined && pendingApprovalRecords(timeline.records).length > 0;
  }

  async buildBody(repo: RepoRef, buildId: string, signal: AbortSignal | undefined): Promise<JsonRecord> {
    const answer = await this.client.request({ path: buildPath(repo.slug, buildId), what: `build ${buildId} of ${repo.slug}`, signal });
    const body = requireRecord(answer.body, `Azure DevOps build ${buildId} of ${repo.slug}`, ['id']);
    this.buildBodies.set(`${repo.slug}#${buildId}`, body);
    return body;
  }

  async build(repo: RepoRef, buildId: string, signal: AbortSignal | undefined): Promise<Run> {
    const body = await this.buildBody(repo, buildId, signal);
    return mapBuild(repo, body, this.waiting(repo, buildId));
  }

  /** A build body seen lately, else fetched. */
  async knownBuild(repo: RepoRef, buildId: string, signal: AbortSignal | undefined): Promise<JsonRecord> {
    return this.buildBodies.get(`${repo.slug}#${buildId}`) ?? this.buildBody(repo, buildId, signal);
  }

  /** The build's timeline records: all of them the first time, then only those changed since. */
  async timeline(repo: RepoRef, buildId: string, signal: AbortSignal | undefined): Promise<ReadonlyMap<string, TimelineRecord>> {
    const key = `${repo.slug}#${buildId}`;
    let state = this.timelines.get(key);
    if (state === undefined) {
      const build = await this.knownBuild(repo, buildId, signal);
      const timelineId = str(child(build, 'orchestrationPlan'), 'planId') ?? str(child(build, 'timeline'), 'id');
      if (timelineId === undefined) return new Map();
      state = { timelineId, changeId: -1, records: new Map() };
    }
    const answer = await this.client.request({
      path: `${buildPath(repo.slug, buildId)}/timeline/${encodeURIComponent(state.timelineId)}`,
      what: `timeline of build ${buildId} of ${repo.slug}`,
      query: { changeId: state.changeId >= 0 ? state.changeId : undefined },
      signal,
    });
    // Nothing changed since `changeId`: some servers answer 204 without a body.
    if (answer.status === 204 && state.changeId >= 0) return state.records;
    const body = requireRecord(answer.body, `Azure DevOps timeline of build ${buildId}`, ['records']);
    const records = requireArray(body.records, `Azure DevOps timeline records of build ${buildId}`);
    const merged = new Map(state.records);
    for (const raw of records) {
      const record = recordOf(raw);
      if (record !== undefined) merged.set(record.id, record);
    }
    const next: TimelineState = { timelineId: state.timelineId, changeId: num(body, 'changeId') ?? state.changeId, records: merged };
    this.timelines.set(key, next);
    return merged;
  }

  clear(): void {
    this.repositories.clear();
    this.tokens.clear();
    this.buildBodies.clear();
    this.timelines.clear();
  }
}
