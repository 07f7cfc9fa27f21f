/**
 * What the Activity feed shows: filters by branch, actor ("mine"), status, provider and
 * repository, kept per workspace. Parsing the remembered value is strict, so a stale or
 * hand-edited state never breaks the view. No `vscode` here.
 */
import type { RunState } from '../model';

/** Status groups a user filters by (the states behind each one below). */
export const STATUS_GROUPS = ['failed', 'running', 'succeeded', 'cancelled', 'waiting'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

const GROUP_STATES: Readonly<Record<StatusGroup, readonly RunState[]>> = {
  failed: ['failure'],
  running: ['queued', 'running'],
  succeeded: ['success'],
  cancelled: ['cancelled', 'skipped'],
  waiting: ['action_required'],
};

export interface FeedFilter {
  /** Only runs started by the signed-in user of each account. */
  readonly mine: boolean;
  /** Empty: every status. */
  readonly statuses: readonly StatusGroup[];
  /** Empty: every branch. */
  readonly branches: readonly string[];
  /** Provider kinds; empty: every provider. */
  readonly providers: readonly string[];
  /** Repository keys (repoKey); empty: every repository. */
  readonly repositories: readonly string[];
}

/** Within a facet the choices add up (failed or running); facets narrow each other. */
export const NO_FILTER: FeedFilter = { mine: false, statuses: [], branches: [], providers: [], repositories: [] };

export function isFiltered(filter: FeedFilter): boolean {
  return filter.mine || filter.statuses.length > 0 || filter.branches.length > 0 || filter.providers.length > 0 || filter.repositories.length > 0;
}

export function statusGroupOf(state: RunState): StatusGroup | undefined {
  return STATUS_GROUPS.find((group) => GROUP_STATES[group].includes(state));
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : []);

/** A remembered filter, or no filter for anything that is not one. */
export function parseFeedFilter(value: unknown): FeedFilter {
  if (typeof value !== 'object' || value === null) {
    return NO_FILTER;
  }
  const record = value as Record<string, unknown>;
  const statuses = Array.isArray(record.statuses) ? STATUS_GROUPS.filter((group) => (record.statuses as unknown[]).includes(group)) : [];
  return { mine: record.mine === true, statuses, branches: strings(record.branches), providers: strings(record.providers), repositories: strings(record.repositories) };
}
