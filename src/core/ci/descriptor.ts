/**
 * A provider descriptor: everything FlowForge knows about one CI system, in one object
 * exported from the provider's folder. The rest of the extension asks the descriptor
 * (settings, accounts, tokens, icon, features, dispatch forms) and never names a provider.
 * No `vscode` here.
 */
import type { DispatchForm } from './dispatchForm';
import type { AccountConfig, ProviderFactory } from './provider';
import type { Pipeline } from '../model';

/**
 * What a provider can do. The UI offers an action only when the provider has its feature,
 * so no action is offered that then fails.
 */
export const PROVIDER_FEATURES = [
  /** Re-run a whole run. */
  'rerunRun',
  /** Re-run only the failed jobs of a run. */
  'rerunFailedJobs',
  /** Re-run one job. */
  'rerunJob',
  /** Re-run with debug logging. */
  'rerunDebug',
  /** Start a manual job. */
  'playJob',
  'cancelRun',
  'cancelJob',
  /** Force-cancel a run that ignores the cancel request. */
  'forceCancel',
  /** Start a run by hand, with a typed input form. */
  'dispatch',
  /** Review deployments that wait for approval. */
  'approvals',
  /** Unblock a block/input step with its fields. */
  'unblock',
  /** Reject (abort) such a step instead of unblocking it; a run then stops there (Buildkite block steps cannot). */
  'unblockReject',
  /** Follow a running job's log. */
  'liveLog',
  'testReports',
  'annotations',
  'codeQuality',
  'artifacts',
  /** Whether the current branch's pull/merge request is ready to merge (checks, approvals). */
  'mergeGate',
] as const;

export type ProviderFeature = (typeof PROVIDER_FEATURES)[number];

export type SettingScope = 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource';

/** One `flowforge.*` setting a provider owns, with its package.json schema (checked by the manifest test). */
export interface SettingSpec {
  /** Key below `flowforge.`, e.g. "gitlab.url". */
  readonly key: string;
  readonly type: 'string' | 'number' | 'boolean' | 'array';
  readonly default: string | number | boolean | readonly string[];
  /**
   * application/machine for anything that decides where a token is sent: a cloned
   * repository's workspace settings can never redirect a token.
   */
  readonly scope: SettingScope;
  /** package.nls.json key of the setting's markdownDescription. */
  readonly descriptionKey: string;
  readonly minimum?: number;
  readonly maximum?: number;
  /** For arrays: the type of the items. */
  readonly items?: 'string';
}

/** Reads one setting below `flowforge.` (already merged by the editor); undefined when unset. */
export type SettingsReader = (key: string) => unknown;

export interface AccountsResult {
  readonly accounts: readonly AccountConfig[];
  /** One message per malformed setting, naming it; that account is left out. */
  readonly errors: readonly string[];
}

/** How an account authenticates and what its token must carry. */
export interface TokenSpec {
  /** "personal access token", "API access token". */
  readonly noun: string;
  /** Shown in the token input box: which scopes or permissions are needed. */
  readonly help: string;
  /** Scopes without which the token can read but not act; actions are hidden for such accounts. */
  readonly writeScopes: readonly string[];
  /** Patterns of this provider's token formats, removed from anything logged or shown. */
  readonly redactPatterns: readonly RegExp[];
  /** An editor-provided sign-in (VS Code authentication provider), where the CI system has one. */
  readonly editorAuth?: EditorAuth;
  /**
   * Where the credential is a user name plus a secret (HTTP Basic): the user name is asked
   * first and the provider receives `user:secret` (see credential.ts); without it, the bare secret.
   */
  readonly userName?: UserNameSpec;
}

export interface UserNameSpec {
  /** Input box prompt: "Your Jenkins user name". */
  readonly prompt: string;
  readonly placeholder?: string;
  /** True when an empty user name is allowed (the secret alone is then a bearer token). */
  readonly optional: boolean;
}

export interface EditorAuth {
  /** Id of VS Code's authentication provider for the account, or undefined where there is none. */
  providerId(account: AccountConfig): string | undefined;
  /** All authentication provider ids whose session changes matter. */
  readonly providerIds: readonly string[];
  readonly scopes: readonly string[];
  /** Pick label, e.g. "Use my VS Code GitHub account". */
  readonly label: string;
  /** After sign-out: where the user removes the editor session. */
  readonly signOutHint: string;
}

/**
 * A line shape that marks an error or warning in this provider's job logs (the runner's own
 * messages, e.g. GitLab's `ERROR: Job failed: exit code 1`), matched against the line's text
 * as shown (timestamp and colours removed). Compiler and test-runner shapes common to every
 * CI system are the run panel's own; GitHub-style workflow commands (`##[error]`, `::error`)
 * are parsed as commands for every log. Plain, linear patterns: no flags, no backreferences.
 */
export interface LogMarker {
  readonly level: 'error' | 'warning';
  readonly pattern: RegExp;
}

/** Reading a pipeline's definition file into the "Run Workflow…" form. */
export interface DispatchSupport {
  /** Trigger events a run started by hand carries (to find the run it created). */
  readonly events: readonly string[];
  parseForm(text: string, path: string): DispatchForm;
  /** The form when the definition file is missing at the ref; undefined: the pipeline cannot be started there. */
  formWhenMissing(pipeline: Pipeline): DispatchForm | undefined;
  /** Message when no pipeline can be started by hand at a ref. */
  readonly noneDispatchable: string;
}

/**
 * A CI system's documented request budget for one account on one host. FlowForge's scheduler
 * keeps its projected hourly use under a share of it (flowforge.budget.share).
 */
export interface RequestBudget {
  /** Requests allowed per window. */
  readonly requests: number;
  readonly windowSeconds: number;
  /** Who the server counts: the user (token), the organization, or the whole server. */
  readonly per: 'user' | 'organization' | 'server';
  /** True when a 304 Not Modified answer costs nothing (GitHub's conditional requests). */
  readonly notModifiedFree?: boolean;
  /** Where the figure comes from: the documentation page, or why it is a courtesy figure. */
  readonly source: string;
  /** Set by the user (flowforge.budget.requestsPerHour): the server's headers do not replace it. */
  readonly fromSetting?: boolean;
}

export interface ProviderDescriptor extends ProviderFactory {
  /** Codicon id of the provider's repositories in the tree, e.g. "repo" or "rocket". */
  readonly codicon: string;
  /** What one repository is called: "repository", "project", "pipeline". */
  readonly repositoryNoun: string;
  /** What the tree calls an empty pipeline list: "No workflows in this repository". */
  readonly noPipelinesText: string;
  readonly settings: readonly SettingSpec[];
  /** The accounts (hosts) configured by the settings, in order; the first is the main one. */
  readAccounts(read: SettingsReader): AccountsResult;
  readonly token: TokenSpec;
  readonly features: ReadonlySet<ProviderFeature>;
  readonly dispatch?: DispatchSupport;
  /**
   * Workspace files that show a repository is built by this CI system, as globs relative to a
   * workspace folder (".gitlab-ci.yml"): found without a signed-in account, FlowForge offers to sign in.
   */
  readonly configFiles?: readonly string[];
  /** Error and warning lines of this provider's job logs, for the run panel's marks and "Jump to first error". */
  readonly logMarkers?: readonly LogMarker[];
  /**
   * The documented request budget of an account on `apiUrl` (a self-managed server may have other
   * limits than the SaaS one). Overridden by flowforge.budget.requestsPerHour, replaced by what the
   * server's rate-limit headers say. Without it a courtesy budget applies (COURTESY_BUDGET).
   */
  requestBudget?(apiUrl: string): RequestBudget;
}

/** For a CI system that documents no limit: one request a second, half of which FlowForge may use. */
export const COURTESY_BUDGET: RequestBudget = { requests: 3600, windowSeconds: 3600, per: 'server', source: 'no documented limit; a courtesy budget for a shared server' };

/** Word-bounded feature flags for tree context values: "feature:cancelRun feature:rerunRun". */
export function featureContext(features: ReadonlySet<ProviderFeature>): string {
  return [...features].map((feature) => `feature:${feature}`).join(' ');
}
