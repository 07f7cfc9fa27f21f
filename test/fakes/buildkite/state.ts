/** What the fake Buildkite knows: organizations, pipelines, builds with jobs, annotations, logs, tokens. */
import type { ManualClock } from '../kit';

export interface FakeToken {
  readonly uuid: string;
  readonly scopes: readonly string[];
  /** Organizations the token may see (all when undefined). */
  readonly organizations?: readonly string[];
}

export interface FakeUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface FakeOrganization {
  readonly slug: string;
  readonly name: string;
}

export interface FakePipeline {
  readonly org: string;
  readonly slug: string;
  readonly name: string;
  readonly repository: string;
  readonly defaultBranch: string;
  readonly configuration: string;
}

export type FakeJobType = 'script' | 'waiter' | 'manual' | 'trigger';

export interface FakeBlockField {
  readonly text?: string;
  readonly select?: string;
  readonly key: string;
  readonly hint?: string;
  readonly required?: boolean;
  readonly default?: string | readonly string[];
  readonly options?: readonly { readonly label: string; readonly value: string }[];
  readonly multiple?: boolean;
}

export interface FakeJob {
  readonly id: string;
  readonly type: FakeJobType;
  name?: string;
  stepKey?: string;
  groupKey?: string;
  state: string;
  command?: string;
  softFailed?: boolean;
  exitStatus?: number | null;
  startedAt?: string;
  finishedAt?: string;
  /** Trigger steps: the build they started. */
  triggered?: { readonly org: string; readonly pipeline: string; readonly number: number; readonly id: string };
  /** Block steps: whether it can be unblocked, and the values it was unblocked with. */
  unblockable?: boolean;
  unblockedWith?: unknown;
  retried?: boolean;
  retriedInJobId?: string;
  log?: string;
}

export interface FakeAnnotation {
  readonly id: string;
  readonly context: string;
  readonly style: 'success' | 'info' | 'warning' | 'error';
  readonly bodyHtml: string;
}

/** A file a job uploaded (buildkite-agent artifact upload). */
export interface FakeArtifact {
  readonly id: string;
  readonly jobId: string;
  /** Path within the build, e.g. "coverage/lcov.info". */
  readonly path: string;
  /** new (uploading), error, finished, deleted, expired. */
  state: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

export interface FakeBuild {
  readonly id: string;
  readonly org: string;
  readonly pipeline: string;
  readonly number: number;
  state: string;
  blocked: boolean;
  readonly message: string;
  readonly commit: string;
  readonly branch: string;
  readonly source: string;
  readonly creator?: FakeUser;
  readonly author?: { readonly name: string; readonly email: string };
  readonly env: Readonly<Record<string, string>>;
  readonly metaData: Readonly<Record<string, string>>;
  readonly createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  readonly rebuiltFrom?: number;
  jobs: FakeJob[];
  annotations: FakeAnnotation[];
  artifacts?: FakeArtifact[];
}

let counter = 0;
/** Deterministic UUID-shaped ids. */
export function fakeUuid(): string {
  counter += 1;
  const hex = counter.toString(16).padStart(12, '0');
  return `0190aa00-0000-4000-8000-${hex}`;
}

export class FakeBuildkiteState {
  readonly tokens = new Map<string, FakeToken>();
  readonly organizations: FakeOrganization[] = [];
  readonly pipelines: FakePipeline[] = [];
  readonly builds: FakeBuild[] = [];
  user: FakeUser = { id: 'u-1', name: 'Dana Dev', email: 'dana@example.com' };

  constructor(readonly clock: ManualClock) {}

  pipeline(org: string, slug: string): FakePipeline | undefined {
    return this.pipelines.find((p) => p.org === org && p.slug === slug);
  }

  buildsOf(org: string, pipeline: string): FakeBuild[] {
    // Newest first, as the API lists them.
    return this.builds.filter((b) => b.org === org && b.pipeline === pipeline).sort((a, b) => b.number - a.number);
  }

  build(org: string, pipeline: string, number: number): FakeBuild | undefined {
    return this.builds.find((b) => b.org === org && b.pipeline === pipeline && b.number === number);
  }

  mustBuild(org: string, pipeline: string, number: number): FakeBuild {
    const build = this.build(org, pipeline, number);
    if (!build) throw new Error(`no build ${org}/${pipeline}#${number}`);
    return build;
  }

  job(org: string, id: string): { build: FakeBuild; job: FakeJob } | undefined {
    for (const build of this.builds) {
      const job = build.org === org ? build.jobs.find((j) => j.id === id) : undefined;
      if (job) return { build, job };
    }
    return undefined;
  }

  nextNumber(org: string, pipeline: string): number {
    return Math.max(0, ...this.buildsOf(org, pipeline).map((b) => b.number)) + 1;
  }

  addBuild(build: Omit<FakeBuild, 'id' | 'createdAt' | 'jobs' | 'annotations' | 'env' | 'metaData' | 'blocked'> & Partial<Pick<FakeBuild, 'id' | 'createdAt' | 'jobs' | 'annotations' | 'env' | 'metaData' | 'blocked'>>): FakeBuild {
    const full: FakeBuild = { id: fakeUuid(), createdAt: this.clock.iso(), jobs: [], annotations: [], env: {}, metaData: {}, blocked: false, ...build };
    this.builds.push(full);
    return full;
  }
}
