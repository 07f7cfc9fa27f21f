/**
 * Whether the open pull request (GitHub) or merge request (GitLab) of a branch is ready to merge,
 * as the provider reads it: its checks (required or not), approvals, and the CI system's own
 * merge verdict, mapped onto a few provider-neutral states. No `vscode` here.
 */

/** A check's state as far as merging goes. */
export type GateCheckState = 'passing' | 'pending' | 'failing';

export interface GateCheck {
  /** Check run name, commit status context, or the merge request pipeline. */
  readonly name: string;
  readonly state: GateCheckState;
  /** True when branch protection / rulesets (or the CI system) require it to pass before merging. */
  readonly required: boolean;
  /** Not reported yet although required: counted as pending. */
  readonly missing?: boolean;
  readonly webUrl?: string;
}

/**
 * The CI system's own verdict on merging, mapped by the provider: `clean` (nothing but checks in
 * the way, or nothing at all), `pending` (still computing or waiting for CI), `blocked` (conflicts,
 * draft, unresolved discussions, missing reviews), `unknown` (not readable).
 */
export type MergeState = 'clean' | 'pending' | 'blocked' | 'unknown';

export interface MergeApprovals {
  readonly given: number;
  readonly required: number;
  /** Approvals still needed (GitLab approvals_left). */
  readonly left: number;
}

export interface MergeReadiness {
  /** "#12" (pull request) or "!12" (merge request): how the CI system writes its reference. */
  readonly reference: string;
  readonly number: number;
  readonly title: string;
  readonly webUrl: string;
  readonly sourceBranch: string;
  readonly targetBranch: string;
  readonly headSha: string;
  /** "pull request", "merge request". */
  readonly noun: string;
  /** False when the required checks could not be read (no permission, not found): all checks shown as optional. */
  readonly requiredKnown: boolean;
  readonly checks: readonly GateCheck[];
  readonly approvals?: MergeApprovals;
  readonly mergeState: MergeState;
  /** The CI system's raw merge status for display (GitHub mergeable_state, GitLab detailed_merge_status). */
  readonly rawMergeStatus?: string;
  /** Review decision where the CI system tells it cheaply. */
  readonly reviewDecision?: string;
}

export type GateVerdict = 'ready' | 'pending' | 'blocked';

export interface GateSummary {
  readonly verdict: GateVerdict;
  /** The checks the counts are about: the required ones when known and any exist, else all. */
  readonly scope: 'required' | 'all';
  readonly total: number;
  readonly passing: number;
  readonly pending: number;
  readonly failing: number;
  /** Why the verdict is `blocked` although no counted check fails (approvals, merge state). */
  readonly blockedBy?: 'approvals' | 'mergeState';
}

/** The checks that decide: required ones when the rules are known and name some, otherwise every check. */
export function decidingChecks(readiness: MergeReadiness): { readonly scope: 'required' | 'all'; readonly checks: readonly GateCheck[] } {
  const required = readiness.checks.filter((check) => check.required);
  return readiness.requiredKnown && required.length > 0 ? { scope: 'required', checks: required } : { scope: 'all', checks: readiness.checks };
}

/**
 * Worst state wins: a failing deciding check blocks; a pending one makes it pending; then missing
 * approvals or the CI system's own "blocked" block; a merge state still being computed is pending.
 */
export function summarizeGate(readiness: MergeReadiness): GateSummary {
  const { scope, checks } = decidingChecks(readiness);
  const count = (state: GateCheckState) => checks.filter((check) => check.state === state).length;
  const counts = { scope, total: checks.length, passing: count('passing'), pending: count('pending'), failing: count('failing') };
  if (counts.failing > 0) {
    return { ...counts, verdict: 'blocked' };
  }
  if (counts.pending > 0) {
    return { ...counts, verdict: 'pending' };
  }
  if (readiness.approvals !== undefined && readiness.approvals.left > 0) {
    return { ...counts, verdict: 'blocked', blockedBy: 'approvals' };
  }
  if (readiness.mergeState === 'blocked') {
    return { ...counts, verdict: 'blocked', blockedBy: 'mergeState' };
  }
  return { ...counts, verdict: readiness.mergeState === 'pending' ? 'pending' : 'ready' };
}

/** Required contexts not reported by any check: pending, flagged missing. */
export function withMissingRequired(checks: readonly GateCheck[], requiredNames: readonly string[]): GateCheck[] {
  const reported = new Set(checks.map((check) => check.name));
  const missing = [...new Set(requiredNames)].filter((name) => !reported.has(name)).map((name): GateCheck => ({ name, state: 'pending', required: true, missing: true }));
  return [...checks, ...missing];
}
