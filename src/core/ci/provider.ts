/**
 * The contract every CI system implements. One CiProvider instance serves one
 * account: a provider kind on one API host (github.com, a GHES server, a GitLab instance).
 * No `vscode` here: providers are tested in plain Node against local HTTP servers.
 */
import type { Disposable } from '../events';
import type { Job, Page, Pipeline, ProviderKind, RepoRef, Repository, Run } from '../model';
import type { Logger } from '../ports';
import type { CiOperations } from './operations';

export interface RequestOptions {
  /** Aborts the request (dispose, superseded poll). Rejects with CancelledError. */
  readonly signal?: AbortSignal;
}

export interface ListRunsOptions extends RequestOptions {
  /** Only runs of this branch. */
  readonly branch?: string;
  /** Only runs of this pipeline (workflow id). */
  readonly pipelineId?: string;
  /** 1-based page number. */
  readonly page?: number;
  /** Page size; providers clamp to their API's maximum. */
  readonly perPage?: number;
}

/**
 * A listing plus whether it differs from the previous answer to the same request
 * (false when the API answered 304 Not Modified from the ETag cache).
 */
export interface Fetched<T> {
  readonly value: T;
  readonly changed: boolean;
}

export interface TokenCheck {
  /** Account name the token belongs to. */
  readonly login: string;
  /** Scopes the token carries, when the API tells (classic PATs); undefined for fine-grained tokens. */
  readonly scopes: readonly string[] | undefined;
  /** Required scopes the token lacks (empty when fine, or unknown). */
  readonly missingScopes: readonly string[];
}

/** Rate-limit budget as last reported by the API. */
export interface RateLimitInfo {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch milliseconds. */
  readonly resetAt: number;
}

export interface CiProvider extends Disposable, CiOperations {
  readonly kind: ProviderKind;
  /** API base URL, no trailing slash. */
  readonly host: string;
  /** "GitHub", or "GitHub Enterprise (ghe.example.com)". */
  readonly displayName: string;

  /** Checks a token before it is stored. Throws AuthError for a bad token. */
  checkToken(token: string, options?: RequestOptions): Promise<TokenCheck>;

  getRepository(repo: RepoRef, options?: RequestOptions): Promise<Fetched<Repository>>;
  listPipelines(repo: RepoRef, options?: RequestOptions): Promise<Fetched<readonly Pipeline[]>>;
  listRuns(repo: RepoRef, options?: ListRunsOptions): Promise<Fetched<Page<Run>>>;
  listJobs(repo: RepoRef, runId: string, options?: RequestOptions): Promise<Fetched<readonly Job[]>>;

  /** Last rate-limit figures seen, if any. */
  readonly rateLimit: RateLimitInfo | undefined;

  /**
   * For CI systems whose git remotes do not name the repository (a Buildkite pipeline builds a
   * repository URL): the repositories on this account that build any of `remoteUrls`, each with
   * the remote it matched. Costs requests, so callers cache the answer.
   */
  matchRemotes?(remoteUrls: readonly string[], options?: RequestOptions): Promise<readonly RemoteMatch[]>;
}

export interface RemoteMatch {
  readonly repo: RepoRef;
  /** The git remote URL (as given) that the repository builds. */
  readonly remoteUrl: string;
}

/** Where the token for an account comes from (SecretStorage, VS Code session, env): decided by platform/. */
export type TokenSource = () => Promise<string | undefined>;

export interface AccountConfig {
  readonly kind: ProviderKind;
  /** API base URL, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  readonly apiUrl: string;
  /** Environment variable that may hold this account's token (fallback after secret storage). */
  readonly envVar?: string;
  /**
   * Environment variable that may hold the user name of an account whose credential is a user
   * name plus a secret (HTTP Basic); with both variables set the credential is `user:secret`.
   */
  readonly userEnvVar?: string;
  /** Client-side request budget per minute, where the provider enforces one. */
  readonly requestsPerMinute?: number;
  /** Organizations, groups or workspaces this account is limited to (empty or absent: all the token sees). */
  readonly namespaces?: readonly string[];
}

export interface ProviderDeps {
  readonly getToken: TokenSource;
  readonly logger: Logger;
  /** Overrides global fetch (tests, proxies). */
  readonly fetch?: typeof globalThis.fetch;
  readonly userAgent?: string;
  /** Client-side request budget per minute for this account, where the provider enforces one. */
  readonly requestsPerMinute?: number;
}

/** What the registry needs from each CI system. */
export interface ProviderFactory {
  readonly kind: ProviderKind;
  /** Label shown in pickers, e.g. "GitHub". */
  readonly label: string;
  /** Default API URL (used when no setting overrides it). */
  readonly defaultApiUrl: string;
  /** Validates and normalizes an API URL setting. Throws ConfigError when malformed. */
  normalizeApiUrl(apiUrl: string): string;
  /** Maps a git remote URL to a repository on the account, or undefined if it is not on that host. */
  parseRemote(remoteUrl: string, account: AccountConfig): RepoRef | undefined;
  /** Parses the part after "github:" in a `flowforge.repositories` entry. Throws ConfigError. */
  parseSlug(slug: string, account: AccountConfig): RepoRef;
  /** Browser URL of a repository. */
  repositoryWebUrl(repo: RepoRef): string;
  create(account: AccountConfig, deps: ProviderDeps): CiProvider;
}
