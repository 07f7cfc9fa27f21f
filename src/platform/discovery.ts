import * as vscode from 'vscode';
import { repoKey } from '../core/model';
import type { Logger } from '../core/ports';
import type { WatchedRepository } from '../core/sync/types';
import type { ProviderPool } from '../providers/pool';
import type { ProviderRegistry } from '../providers/registry';
import type { RemoteMatches } from '../providers/remoteMatches';
import type { GitWorkspace } from './git';

export interface DiscoveryDeps {
  readonly git: GitWorkspace;
  readonly registry: ProviderRegistry;
  readonly pool: ProviderPool;
  /** Remotes matched through the API (providers whose remotes do not name the repository). */
  readonly remoteMatches: RemoteMatches;
  readonly logger: Logger;
  readonly entries: () => readonly string[];
  readonly apply: (watched: readonly WatchedRepository[]) => void;
}

/**
 * Decides which repositories to watch: the workspace's git remotes (with their
 * checked-out branch) plus `flowforge.repositories`. Malformed entries are named
 * once in a warning; the others keep working.
 */
export class RepositoryDiscovery {
  private warned = new Set<string>();
  private roots = new Map<string, string>();

  constructor(private readonly deps: DiscoveryDeps) {}

  /** Local checkout folder of a watched repository, if the workspace has one. */
  rootOf(key: string): vscode.Uri | undefined {
    const path = this.roots.get(key);
    return path ? vscode.Uri.file(path) : undefined;
  }

  update(): readonly WatchedRepository[] {
    const { git, registry, pool, logger } = this.deps;
    const checkouts = git.checkouts();
    const apiMatches = this.deps.remoteMatches.current(checkouts.flatMap((checkout) => checkout.remoteUrls));
    const resolution = registry.resolve(checkouts, this.deps.entries(), pool.getAccounts(), apiMatches);
    for (const warning of resolution.warnings) {
      logger.warn(`flowforge.repositories: ${warning}`);
      if (!this.warned.has(warning)) {
        this.warned.add(warning);
        void vscode.window.showWarningMessage(vscode.l10n.t('FlowForge ignores a repository entry: {0}', warning));
      }
    }
    this.roots = new Map(resolution.repositories.flatMap((r) => (r.rootPath ? [[repoKey(r.repo), r.rootPath] as const] : [])));
    const watched = resolution.repositories.map((r) => (r.branch ? { repo: r.repo, branch: r.branch } : { repo: r.repo }));
    logger.info(`Watching ${watched.length} repositories: ${watched.map((w) => `${w.repo.provider}:${w.repo.slug}${w.branch ? `@${w.branch}` : ''}`).join(', ') || 'none'}`);
    this.deps.apply(watched);
    return watched;
  }
}
