/** What the fake Bitbucket Cloud knows: repositories, pipelines with steps, logs, test reports, credentials. */
import type { ManualClock } from '../kit';

/** Who a credential is: an Atlassian account (Basic e-mail + API token) or an access token (Bearer). */
export interface FakeCredential {
  readonly kind: 'account' | 'workspace' | 'repository';
  readonly name: string;
  /** Sent back in X-OAuth-Scopes (access tokens); undefined: not reported. */
  readonly scopes: readonly string[];
  /** A repository token sees only this repository ("ws/repo"); a workspace token only its workspace. */
  readonly only?: string;
}

export interface FakeUser {
  readonly uuid: string;
  readonly displayName: string;
  readonly nickname: string;
}

export interface FakeRepository {
  readonly workspace: string;
  readonly slug: string;
  readonly name: string;
  readonly mainBranch: string;
  readonly branches: string[];
  readonly tags: string[];
  /** bitbucket-pipelines.yml by ref; absent: 404. */
  readonly files: Map<string, string>;
}

export type FakeStepState = 'PENDING' | 'READY' | 'IN_PROGRESS' | 'SUCCESSFUL' | 'FAILED' | 'ERROR' | 'STOPPED' | 'NOT_RUN';

export interface FakeTestCase {
  readonly name: string;
  readonly fullyQualifiedName: string;
  readonly status: 'SUCCESS' | 'FAILED' | 'ERROR' | 'SKIPPED';
}

export interface FakeStep {
  readonly uuid: string;
  readonly name: string;
  state: FakeStepState;
  readonly manual?: boolean;
  startedOn?: string;
  completedOn?: string;
  /** Text, or raw bytes (to end a growing log mid-character). */
  log?: string | Uint8Array;
  testCases?: FakeTestCase[];
}

export type FakePipelineState = 'PENDING' | 'RUNNING' | 'PAUSED' | 'HALTED' | 'SUCCESSFUL' | 'FAILED' | 'ERROR' | 'STOPPED' | 'EXPIRED';

export interface FakePipeline {
  readonly uuid: string;
  readonly workspace: string;
  readonly repo: string;
  readonly buildNumber: number;
  state: FakePipelineState;
  readonly refName: string;
  readonly refType: 'branch' | 'tag';
  readonly commit: string;
  readonly selector: { readonly type: 'branches' | 'tags' | 'default' | 'custom'; readonly pattern?: string };
  readonly trigger: 'PUSH' | 'MANUAL' | 'SCHEDULE';
  readonly creator: FakeUser;
  readonly createdOn: string;
  completedOn?: string;
  readonly steps: FakeStep[];
  readonly variables: readonly { readonly key: string; readonly value: string; readonly secured: boolean }[];
}

let counter = 0;
/** A braced UUID, as Bitbucket writes them: "{0000002a-…}". */
export function fakeUuid(n = ++counter): string {
  const hex = n.toString(16).padStart(12, '0');
  return `{${hex.slice(0, 8)}-0000-4000-8000-${hex}}`;
}

export class FakeBitbucketState {
  readonly credentials = new Map<string, FakeCredential>();
  readonly repositories: FakeRepository[] = [];
  readonly pipelines: FakePipeline[] = [];
  readonly user: FakeUser = { uuid: '{d1a1d1a1-0000-4000-8000-000000000001}', displayName: 'Dana Developer', nickname: 'dana' };
  /** A server (or proxy) that ignores Range and always answers 200 with the whole log. */
  ignoreRange = false;
  private nextNumber = 100;

  constructor(readonly clock: ManualClock) {}

  repository(workspace: string, slug: string): FakeRepository | undefined {
    return this.repositories.find((r) => r.workspace === workspace && r.slug === slug);
  }

  pipelinesOf(workspace: string, repo: string): FakePipeline[] {
    return this.pipelines.filter((p) => p.workspace === workspace && p.repo === repo).sort((a, b) => a.createdOn.localeCompare(b.createdOn) || a.buildNumber - b.buildNumber);
  }

  /** By UUID or by build number (Bitbucket accepts both in the path). */
  pipeline(workspace: string, repo: string, id: string): FakePipeline | undefined {
    return this.pipelinesOf(workspace, repo).find((p) => p.uuid === id || String(p.buildNumber) === id);
  }

  /** A new pipeline as POST …/pipelines creates it: pending, one pending step. */
  create(workspace: string, repo: string, init: Pick<FakePipeline, 'refName' | 'commit' | 'selector' | 'variables'>): FakePipeline {
    const number = Math.max(this.nextNumber, ...this.pipelines.map((p) => p.buildNumber + 1));
    this.nextNumber = number + 1;
    const pipeline: FakePipeline = {
      uuid: fakeUuid(),
      workspace,
      repo,
      buildNumber: number,
      state: 'PENDING',
      refType: 'branch',
      trigger: 'MANUAL',
      creator: this.user,
      createdOn: this.clock.iso(),
      steps: [{ uuid: fakeUuid(), name: 'Build', state: 'PENDING' }],
      ...init,
    };
    this.pipelines.push(pipeline);
    return pipeline;
  }
}
