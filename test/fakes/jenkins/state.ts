/**
 * The data of the fake Jenkins: a job tree (folders, a multibranch project with branch jobs, a
 * freestyle job), builds with Pipeline stages and consoles that grow, parameters, users with API
 * tokens, the crumb issuer and the queue. Mutations change it the way Jenkins would.
 */
import { ManualClock } from '../kit';

export interface FakeStage {
  readonly id: string;
  readonly name: string;
  status: string;
  startTimeMillis: number;
  durationMillis: number;
}

/** An `input` step the build waits on (pipeline-input-step), with its parameters and what was answered. */
export interface FakeInput {
  readonly id: string;
  readonly message: string;
  readonly proceedText: string;
  readonly parameters: readonly FakeParameter[];
  /** Set once answered: proceed (with the values sent) or abort. */
  answer?: { readonly action: 'proceed' | 'abort'; readonly values: Readonly<Record<string, unknown>> };
}

export interface FakeJenkinsBuild {
  readonly number: number;
  result: string | null;
  building: boolean;
  readonly timestamp: number;
  duration: number;
  readonly estimatedDuration: number;
  readonly sha: string;
  readonly branch: string;
  readonly message: string;
  readonly cause: { readonly shortDescription: string; readonly userId?: string; readonly userName?: string };
  readonly remoteUrl: string;
  /** Undefined: not a Pipeline build (no wfapi). */
  readonly stages?: FakeStage[];
  console: string;
  /** Stop/term requests received. */
  stops: string[];
  /** Input steps reached (answered ones stay, with their answer). */
  inputs?: FakeInput[];
  /** Parameter values it ran with (ParametersAction). */
  parameterValues?: { readonly name: string; readonly value: string | boolean }[];
  /** Set on a build started by replaying another. */
  replayOf?: number;
  /** JUnit results archived by the build (undefined: no report, 404). */
  tests?: FakeTestSuite[];
  /** Files archived by archiveArtifacts, below the build's artifact/ folder. */
  artifacts?: FakeArchivedFile[];
}

export interface FakeArchivedFile {
  readonly relativePath: string;
  readonly bytes: Uint8Array;
}

export interface FakeTestCase {
  readonly className: string;
  readonly name: string;
  /** PASSED, SKIPPED, FAILED, FIXED or REGRESSION (hudson.tasks.junit.CaseResult.Status). */
  readonly status: string;
  readonly errorDetails?: string;
  readonly errorStackTrace?: string;
}

export interface FakeTestSuite {
  readonly name: string;
  readonly cases: readonly FakeTestCase[];
}

export interface FakeParameter {
  readonly _class: string;
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly choices?: readonly string[];
  readonly defaultParameterValue?: { readonly value: string | boolean };
}

export interface FakeJob {
  readonly _class: string;
  readonly name: string;
  readonly jobs?: FakeJob[];
  readonly builds: FakeJenkinsBuild[];
  readonly parameters: FakeParameter[];
  buildable: boolean;
}

/** A queue item (hudson.model.Queue.Item): waiting, blocked or stuck; left the queue once it has a build or was cancelled. */
export interface FakeQueueItem {
  readonly id: number;
  /** Job names joined by "/". */
  readonly job: string;
  why: string;
  blocked: boolean;
  stuck: boolean;
  readonly inQueueSince: number;
  executable?: number;
  cancelled?: boolean;
  readonly parameterValues?: { readonly name: string; readonly value: string | boolean }[];
  readonly replayOf?: number;
  /** Who asked for it (a build POST signed in). */
  readonly by?: { readonly id: string; readonly fullName: string };
}

export interface FakeJenkinsUser {
  readonly id: string;
  readonly fullName: string;
  /** API tokens (no crumb needed) and the password (crumb needed for POSTs). */
  readonly tokens: readonly string[];
  readonly password?: string;
}

export const CLASSES = {
  folder: 'com.cloudbees.hudson.plugins.folder.Folder',
  multibranch: 'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject',
  pipeline: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
  freestyle: 'hudson.model.FreeStyleProject',
} as const;

export class FakeJenkinsState {
  readonly root: FakeJob[] = [];
  readonly users: FakeJenkinsUser[] = [];
  anonymousRead = false;
  /** With a crumb issuer, POSTs signed in with a password (not an API token) need the crumb. */
  crumbIssuer = true;
  readonly crumb = 'f1e2d3c4b5a6';
  queue: FakeQueueItem[] = [];
  /** While true, new builds wait in the queue ("Waiting for next available executor") until startQueued(). */
  holdBuilds = false;
  private nextQueueId = 100;

  constructor(readonly clock: ManualClock = new ManualClock()) {}

  /** The job at `names` (decoded job names), or undefined. */
  job(names: readonly string[]): FakeJob | undefined {
    let jobs: FakeJob[] | undefined = this.root;
    let found: FakeJob | undefined;
    for (const name of names) {
      found = jobs?.find((j) => j.name === name);
      if (found === undefined) return undefined;
      jobs = found.jobs;
    }
    return found;
  }

  build(names: readonly string[], number: number): FakeJenkinsBuild | undefined {
    return this.job(names)?.builds.find((b) => b.number === number);
  }

  /** Queues a build (Location: queue/item/N/); it starts at once as the next number unless builds are held. */
  schedule(names: readonly string[], job: FakeJob, why = 'Waiting for next available executor', extra: Pick<FakeQueueItem, 'parameterValues' | 'replayOf' | 'by'> = {}): number {
    const id = this.nextQueueId++;
    this.queue.push({ id, job: names.join('/'), why, blocked: false, stuck: false, inQueueSince: this.clock.now(), ...extra });
    if (!this.holdBuilds) this.startQueued(id);
    return id;
  }

  /** The queued item leaves the queue as the job's next build (running). */
  startQueued(id: number): FakeJenkinsBuild | undefined {
    const item = this.queue.find((q) => q.id === id && q.executable === undefined && !q.cancelled);
    const job = item && this.job(item.job.split('/'));
    if (item === undefined || job === undefined) return undefined;
    const previous = job.builds[0];
    const number = (previous?.number ?? 0) + 1;
    const by = item.by ?? { id: 'jdoe', fullName: 'Jane Doe' };
    const build: FakeJenkinsBuild = {
      number,
      result: null,
      building: true,
      timestamp: this.clock.now(),
      duration: 0,
      estimatedDuration: 60_000,
      sha: previous?.sha ?? '0000000000000000000000000000000000000000',
      branch: previous?.branch ?? 'main',
      message: previous?.message ?? 'Started by user',
      cause: { shortDescription: `Started by user ${by.fullName}`, userId: by.id, userName: by.fullName },
      remoteUrl: previous?.remoteUrl ?? '',
      console: item.replayOf !== undefined ? `Replayed #${item.replayOf}\n` : `Started by user ${by.fullName}\n`,
      stops: [],
      ...(item.parameterValues ? { parameterValues: item.parameterValues } : {}),
      ...(item.replayOf !== undefined ? { replayOf: item.replayOf } : {}),
    };
    job.builds.unshift(build);
    item.executable = number;
    return build;
  }

  /** Items still waiting for the job at `names`. */
  waiting(names: readonly string[]): FakeQueueItem[] {
    return this.queue.filter((q) => q.job === names.join('/') && q.executable === undefined && !q.cancelled);
  }
}
