/**
 * Versioned JSON form of a RepoSnapshot for the SnapshotStore. Decoding validates every
 * field, so corrupt or foreign data is rejected with a reason instead of reaching the views.
 */
import type { Pipeline, RepoRef, Repository, Run } from '../model';
import { RUN_STATES } from '../model';
import type { PipelinePages, RepoSnapshot } from '../sync/types';

/** Bump when the persisted shape changes; older versions are then ignored (the next poll refills them). */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** The persisted fields: the data, not the session state (stale, problem). */
interface PersistedSnapshot {
  readonly schemaVersion: number;
  readonly repo: RepoRef;
  readonly repository?: Repository;
  readonly pipelines: readonly Pipeline[];
  readonly recentRuns: readonly Run[];
  readonly branch?: string;
  readonly branchRuns: readonly Run[];
  readonly fetchedAt?: number;
  /** Older runs paged in per pipeline (optional: snapshots written before it still load). */
  readonly pages?: Readonly<Record<string, PipelinePages>>;
}

export type DecodeResult = { readonly ok: true; readonly snapshot: RepoSnapshot } | { readonly ok: false; readonly reason: string };

export function encodeSnapshot(snapshot: RepoSnapshot): string {
  const persisted: PersistedSnapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    repo: snapshot.repo,
    repository: snapshot.repository,
    pipelines: snapshot.pipelines,
    recentRuns: snapshot.recentRuns,
    branch: snapshot.branch,
    branchRuns: snapshot.branchRuns,
    fetchedAt: snapshot.fetchedAt,
    ...(snapshot.pages === undefined ? {} : { pages: snapshot.pages }),
  };
  return JSON.stringify(persisted);
}

type FieldType = 'string' | 'number' | 'string?' | 'number?';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasFields(value: unknown, fields: Readonly<Record<string, FieldType>>): value is Record<string, unknown> {
  if (!isRecord(value)) {
    return false;
  }
  return Object.entries(fields).every(([name, type]) => {
    const field = value[name];
    const optional = type.endsWith('?');
    if (field === undefined || field === null) {
      return optional;
    }
    return typeof field === type.replace('?', '');
  });
}

const STATES: ReadonlySet<unknown> = new Set(RUN_STATES);

/** Any provider kind: which kinds are known is the registry's business, and a cached snapshot of a kind not watched now is simply not shown. */
const isRepoRef = (v: unknown): v is RepoRef =>
  hasFields(v, { provider: 'string', host: 'string', slug: 'string' }) && /^[a-z][a-z0-9-]*$/.test(String(v.provider));

const isRepository = (v: unknown): v is Repository => hasFields(v, { webUrl: 'string', defaultBranch: 'string?' }) && isRepoRef(v.ref);

const isPipeline = (v: unknown): v is Pipeline => hasFields(v, { id: 'string', name: 'string', path: 'string?', webUrl: 'string', rawState: 'string?' });

const RUN_FIELDS: Readonly<Record<string, FieldType>> = {
  id: 'string',
  pipelineId: 'string',
  pipelineName: 'string',
  number: 'number',
  attempt: 'number',
  title: 'string',
  branch: 'string?',
  headSha: 'string',
  event: 'string',
  actor: 'string?',
  rawStatus: 'string',
  createdAt: 'string',
  startedAt: 'string?',
  updatedAt: 'string?',
  completedAt: 'string?',
  webUrl: 'string',
};

const isRun = (v: unknown): v is Run => hasFields(v, RUN_FIELDS) && STATES.has(v.state);

function isArrayOf<T>(value: unknown, check: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every((item) => check(item));
}

const isPages = (v: unknown): v is PipelinePages =>
  isRecord(v) && typeof v.nextPage === 'number' && Number.isInteger(v.nextPage) && v.nextPage >= 1 && typeof v.hasMore === 'boolean' && isArrayOf(v.runs, isRun);

/** Pages by pipeline id: absent is fine (older snapshots), anything malformed is not. */
function isPagesMap(v: unknown): v is Record<string, PipelinePages> | undefined {
  return v === undefined || (isRecord(v) && Object.values(v).every(isPages));
}

/** Parses a stored snapshot; restored snapshots are stale and carry no problem. */
export function decodeSnapshot(text: string): DecodeResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (!isRecord(value)) {
    return { ok: false, reason: 'not an object' };
  }
  if (value.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    return { ok: false, reason: `unsupported schema version ${String(value.schemaVersion)}` };
  }
  const { repo, repository, pipelines, recentRuns, branchRuns, branch, fetchedAt, pages } = value;
  if (!isRepoRef(repo)) {
    return { ok: false, reason: 'invalid repository reference' };
  }
  if (repository !== undefined && repository !== null && !isRepository(repository)) {
    return { ok: false, reason: 'invalid repository' };
  }
  if (!isArrayOf(pipelines, isPipeline) || !isArrayOf(recentRuns, isRun) || !isArrayOf(branchRuns, isRun)) {
    return { ok: false, reason: 'invalid pipelines or runs' };
  }
  if (!isPagesMap(pages)) {
    return { ok: false, reason: 'invalid pipeline pages' };
  }
  if (!hasFields(value, { branch: 'string?', fetchedAt: 'number?' })) {
    return { ok: false, reason: 'invalid branch or fetch time' };
  }
  const snapshot: RepoSnapshot = {
    repo,
    repository: isRepository(repository) ? repository : undefined,
    pipelines,
    recentRuns,
    branch: typeof branch === 'string' ? branch : undefined,
    branchRuns,
    fetchedAt: typeof fetchedAt === 'number' ? fetchedAt : undefined,
    stale: true,
    ...(pages === undefined ? {} : { pages }),
  };
  return { ok: true, snapshot };
}
