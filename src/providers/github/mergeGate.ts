/**
 * The merge gate of a branch's open pull request: the pull request (listed by head), its
 * mergeable_state, the base branch's required status checks (rulesets and classic branch
 * protection; 403/404 there mean "required checks unknown", not an error), and the head commit's
 * check runs and commit statuses. Every request goes through the ETag cache: when every answer is a
 * 304 the last result is returned as it was (`changed: false`), without mapping anything again.
 * Docs: https://docs.github.com/en/rest/pulls/pulls#list-pull-requests,
 * https://docs.github.com/en/rest/repos/rules#get-rules-for-a-branch,
 * https://docs.github.com/en/rest/branches/branches#get-a-branch,
 * https://docs.github.com/en/rest/checks/runs#list-check-runs-for-a-git-reference,
 * https://docs.github.com/en/rest/commits/statuses#get-the-combined-status-for-a-specific-reference.
 */
import { ForbiddenError, NotFoundError } from '../../core/errors';
import type { GateCheck, GateCheckState, MergeReadiness, MergeState } from '../../core/gate/mergeReadiness';
import { withMissingRequired } from '../../core/gate/mergeReadiness';
import type { RepoRef } from '../../core/model';
import type { Fetched, RequestOptions } from '../../core/ci/provider';
import { asArray, asRecord, str } from '../http/json';
import type { ApiCheckRun } from './mapping';
import { BRANCH_RULE, BRANCH_WITH_PROTECTION, COMBINED_STATUS, COMMIT_STATUS, PULL, PULL_SIMPLE } from './mergeGateSchemas';
import { ownerAndRepo } from './remote';
import { fetchCheckRuns } from './reports';
import type { GitHubSession } from './session';
import { toRunState } from './states';

interface ApiPullSimple {
  readonly number: number;
  readonly title: string;
  readonly html_url: string;
  readonly head: { readonly ref: string; readonly sha: string };
  readonly base: { readonly ref: string; readonly sha: string };
}

interface ApiBranch {
  readonly protection: { readonly required_status_checks?: { readonly contexts: readonly unknown[]; readonly checks: readonly unknown[] } };
}

interface ApiRule {
  readonly type: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

interface ApiStatus {
  readonly context: string;
  readonly state: string;
  readonly target_url?: string | null;
}

/** What one read gave: required contexts (undefined: not readable) and whether the answer was new. */
interface Part<T> {
  readonly value: T;
  readonly changed: boolean;
}

interface Remembered {
  readonly pull: ApiPullSimple | undefined;
  readonly readiness: MergeReadiness | undefined;
}

/** mergeable_state (components/schemas/pull-request) onto the provider-neutral merge state. */
export function mergeStateOf(mergeableState: string): MergeState {
  switch (mergeableState) {
    case 'clean':
    case 'unstable':
    case 'has_hooks':
      return 'clean';
    case 'blocked':
    case 'behind':
    case 'dirty':
    case 'draft':
      return 'blocked';
    case 'unknown':
      return 'pending';
    default:
      return 'unknown';
  }
}

function checkState(status: string, conclusion: string | null | undefined): GateCheckState {
  const state = toRunState(status, conclusion);
  if (state === 'queued' || state === 'running') {
    return 'pending';
  }
  return state === 'success' || state === 'skipped' || state === 'neutral' ? 'passing' : 'failing';
}

function statusState(state: string): GateCheckState {
  return state === 'success' ? 'passing' : state === 'pending' ? 'pending' : 'failing';
}

/** Required contexts named by the branch's rules (rule type required_status_checks). */
export function requiredFromRules(rules: readonly ApiRule[]): string[] {
  return rules
    .filter((rule) => rule.type === 'required_status_checks')
    .flatMap((rule) => asArray(asRecord(rule.parameters).required_status_checks))
    .map((check) => str(asRecord(check), 'context'))
    .filter((context): context is string => context !== undefined);
}

/** Required contexts of classic branch protection (`contexts` and `checks[].context`). */
export function requiredFromProtection(branch: ApiBranch): string[] {
  const checks = branch.protection.required_status_checks;
  if (checks === undefined) {
    return [];
  }
  const contexts = checks.contexts.filter((context): context is string => typeof context === 'string');
  return [...contexts, ...checks.checks.map((check) => str(asRecord(check), 'context')).filter((context): context is string => context !== undefined)];
}

export class GitHubMergeGate {
  private readonly last = new Map<string, Remembered>();

  constructor(private readonly session: GitHubSession) {}

  read(repo: RepoRef, branch: string, options?: RequestOptions): Promise<Fetched<MergeReadiness | undefined>> {
    const key = `${repo.slug}\n${branch}`;
    const what = `Pull request of ${branch} in ${repo.slug}`;
    return this.session.call(what, options, async (signal) => {
      const prior = this.last.get(key);
      const listed = await this.openPull(repo, branch, prior, signal, what);
      const pull = listed.value;
      if (pull === undefined) {
        this.last.set(key, { pull, readiness: undefined });
        return { value: undefined, changed: listed.changed };
      }
      const [detail, rules, protection, checkRuns, statuses] = await Promise.all([
        this.pullDetail(repo, pull.number, signal),
        this.protectionPart(() => this.rules(repo, pull.base.ref, signal)),
        this.protectionPart(() => this.branchProtection(repo, pull.base.ref, signal)),
        this.checkRuns(repo, pull.head.sha, signal),
        this.statuses(repo, pull.head.sha, signal),
      ]);
      const changed = [listed, detail, rules, protection, checkRuns, statuses].some((part) => part.changed);
      if (!changed && prior?.readiness !== undefined) {
        return { value: prior.readiness, changed: false };
      }
      const known = [rules.value, protection.value].filter((names): names is string[] => names !== undefined);
      const required = new Set(known.flat());
      const reported: GateCheck[] = [
        ...checkRuns.value.map((check): GateCheck => ({ name: check.name, state: checkState(check.status, check.conclusion), required: required.has(check.name), webUrl: check.html_url ?? undefined })),
        ...statuses.value.map((status): GateCheck => ({ name: status.context, state: statusState(status.state), required: required.has(status.context), webUrl: status.target_url ?? undefined })),
      ];
      const readiness: MergeReadiness = {
        reference: `#${pull.number}`,
        number: pull.number,
        title: pull.title,
        webUrl: pull.html_url,
        sourceBranch: pull.head.ref,
        targetBranch: pull.base.ref,
        headSha: pull.head.sha,
        noun: 'pull request',
        requiredKnown: known.length > 0,
        checks: withMissingRequired(reported, [...required]),
        mergeState: detail.value === undefined ? 'unknown' : mergeStateOf(detail.value),
        rawMergeStatus: detail.value,
      };
      this.last.set(key, { pull, readiness });
      return { value: readiness, changed: true };
    });
  }

  clear(): void {
    this.last.clear();
  }

  private async openPull(repo: RepoRef, branch: string, prior: Remembered | undefined, signal: AbortSignal, what: string): Promise<Part<ApiPullSimple | undefined>> {
    const names = ownerAndRepo(repo);
    const response = await this.session.client.request('GET /repos/{owner}/{repo}/pulls', { ...names, head: `${names.owner}:${branch}`, state: 'open', per_page: 1, request: { signal } });
    if (!this.session.changed(response) && prior !== undefined) {
      return { value: prior.pull, changed: false };
    }
    const [pull] = this.session.items<ApiPullSimple>(this.session.body(response, what), PULL_SIMPLE, what);
    return { value: pull, changed: true };
  }

  private async pullDetail(repo: RepoRef, number: number, signal: AbortSignal): Promise<Part<string | undefined>> {
    const what = `Pull request #${number} in ${repo.slug}`;
    const response = await this.session.client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...ownerAndRepo(repo), pull_number: number, request: { signal } });
    return { value: this.session.object<{ mergeable_state: string }>(response, PULL, what).mergeable_state, changed: this.session.changed(response) };
  }

  /** A read of required checks; no permission or nothing there (403/404): unknown. */
  private async protectionPart(read: () => Promise<Part<string[]>>): Promise<Part<string[] | undefined>> {
    try {
      return await read();
    } catch (error: unknown) {
      if (error instanceof ForbiddenError || error instanceof NotFoundError) {
        return { value: undefined, changed: false };
      }
      throw error;
    }
  }

  private rules(repo: RepoRef, base: string, signal: AbortSignal): Promise<Part<string[]>> {
    const what = `Rules of branch ${base} in ${repo.slug}`;
    return this.session.call(what, { signal }, async (inner) => {
      const response = await this.session.client.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...ownerAndRepo(repo), branch: base, per_page: 100, request: { signal: inner } });
      return { value: requiredFromRules(this.session.items<ApiRule>(this.session.body(response, what), BRANCH_RULE, what)), changed: this.session.changed(response) };
    });
  }

  private branchProtection(repo: RepoRef, base: string, signal: AbortSignal): Promise<Part<string[]>> {
    const what = `Branch ${base} in ${repo.slug}`;
    return this.session.call(what, { signal }, async (inner) => {
      const response = await this.session.client.request('GET /repos/{owner}/{repo}/branches/{branch}', { ...ownerAndRepo(repo), branch: base, request: { signal: inner } });
      const body = this.session.body(response, what);
      // An unprotected branch has no protection object worth reading.
      if (asRecord(body).protected !== true) {
        return { value: [], changed: this.session.changed(response) };
      }
      return { value: requiredFromProtection(this.session.object<ApiBranch>(response, BRANCH_WITH_PROTECTION, what)), changed: this.session.changed(response) };
    });
  }

  private async checkRuns(repo: RepoRef, sha: string, signal: AbortSignal): Promise<Part<ApiCheckRun[]>> {
    const { items, changed } = await fetchCheckRuns(this.session, repo, sha, signal, `Checks of ${sha.slice(0, 7)} in ${repo.slug}`);
    return { value: items, changed };
  }

  private async statuses(repo: RepoRef, sha: string, signal: AbortSignal): Promise<Part<ApiStatus[]>> {
    const what = `Statuses of ${sha.slice(0, 7)} in ${repo.slug}`;
    const response = await this.session.client.request('GET /repos/{owner}/{repo}/commits/{ref}/status', { ...ownerAndRepo(repo), ref: sha, per_page: 100, request: { signal } });
    const combined = this.session.object<{ statuses: unknown }>(response, COMBINED_STATUS, what);
    return { value: this.session.items<ApiStatus>(combined.statuses, COMMIT_STATUS, what), changed: this.session.changed(response) };
  }
}
