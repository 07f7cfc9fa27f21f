/** What the action commands need from the rest of the extension (wired in extension.ts). */
import type { FormMemory } from '../../actions/formMemory';
import type { RunNotifier } from '../../actions/notifier';
import type { WriteSpacer } from '../../actions/writeSpacer';
import type { Job, RepoRef } from '../../core/model';
import type { DisposableStore } from '../../core/events';
import type { Clock, Logger } from '../../core/ports';
import type { SyncReader } from '../../core/sync/types';
import type { ProviderDescriptor } from '../../core/ci/descriptor';
import type { CiProvider } from '../../core/ci/provider';

export interface ActionSync extends Pick<SyncReader, 'repositories' | 'snapshot' | 'pipelineRuns' | 'cachedJobs'> {
  refresh(repoKey?: string): Promise<void>;
  getJobs(repoKey: string, runId: string): Promise<readonly Job[]>;
}

export interface ActionDeps {
  readonly sync: ActionSync;
  readonly providerFor: (repo: RepoRef) => CiProvider | undefined;
  /** The descriptor of a repository's provider: its features decide what is offered. */
  readonly describe: (repo: RepoRef) => ProviderDescriptor | undefined;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Holds the timers commands leave behind (e.g. the force-cancel check), disposed on deactivate. */
  readonly timers: DisposableStore;
  readonly spacer: WriteSpacer;
  readonly memory: FormMemory;
  readonly notifier: RunNotifier;
  /** False for accounts whose token cannot act (e.g. GitLab read_api): their runs are not offered. */
  readonly canWrite: (repo: RepoRef) => boolean;
  /** Reveals a run in the tree once it is there (optional). */
  readonly revealRun?: (repoKey: string, runId: string) => Promise<void>;
}
