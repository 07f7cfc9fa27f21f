/** What the fake Azure DevOps knows: projects, repositories, definitions, builds with timelines and logs, approvals, test runs, tokens. */
import type { ManualClock } from '../kit';

export interface FakeToken {
  readonly scopes: readonly string[];
}

export interface FakeIdentity {
  readonly id: string;
  readonly displayName: string;
  readonly uniqueName: string;
}

export interface FakeRepository {
  readonly id: string;
  readonly org: string;
  readonly project: string;
  readonly name: string;
  readonly defaultBranch: string;
  branches: string[];
  /** Files by "branch|path". */
  readonly files: Map<string, string>;
}

export interface FakeDefinition {
  readonly id: number;
  readonly org: string;
  readonly project: string;
  readonly name: string;
  readonly repositoryId: string;
  /** YAML pipelines; undefined for a classic (designer) pipeline. */
  readonly yamlFilename?: string;
}

export interface FakeIssue {
  readonly type: 'error' | 'warning';
  readonly message: string;
  readonly data?: Readonly<Record<string, string>>;
}

export interface FakeRecord {
  readonly id: string;
  readonly parentId: string | null;
  readonly type: 'Stage' | 'Phase' | 'Job' | 'Task' | 'Checkpoint' | 'Checkpoint.Approval';
  readonly name: string;
  readonly identifier?: string;
  state: 'pending' | 'inProgress' | 'completed';
  result: 'succeeded' | 'succeededWithIssues' | 'failed' | 'canceled' | 'skipped' | 'abandoned' | null;
  readonly order: number;
  startTime?: string;
  finishTime?: string;
  /** Log id in the build's logs, when the record has one. */
  logId?: number;
  issues: FakeIssue[];
  changeId: number;
  attempt: number;
}

export interface FakeTestResult {
  readonly title: string;
  readonly automatedTestName: string;
  readonly storage: string;
  readonly outcome: 'Passed' | 'Failed' | 'NotExecuted';
  readonly errorMessage?: string;
  readonly stackTrace?: string;
}

export interface FakeTestRun {
  readonly id: number;
  readonly buildId: number;
  readonly name: string;
  readonly total: number;
  readonly passed: number;
  readonly results: FakeTestResult[];
}

export interface FakeApproval {
  readonly id: string;
  readonly buildId: number;
  status: 'pending' | 'approved' | 'rejected';
  readonly instructions: string;
  readonly approvers: readonly FakeIdentity[];
  comment?: string;
}

export interface FakeBuild {
  readonly id: number;
  readonly org: string;
  readonly project: string;
  readonly definitionId: number;
  readonly buildNumber: string;
  status: 'notStarted' | 'inProgress' | 'completed' | 'cancelling' | 'postponed';
  result: 'succeeded' | 'partiallySucceeded' | 'failed' | 'canceled' | null;
  readonly reason: string;
  readonly sourceBranch: string;
  readonly sourceVersion: string;
  readonly message: string;
  readonly requestedFor: FakeIdentity;
  readonly queueTime: string;
  startTime?: string;
  finishTime?: string;
  readonly planId: string;
  records: FakeRecord[];
  /** The timeline's change counter: every record change gets the next one. */
  changeId: number;
  /** Log lines by log id. */
  readonly logs: Map<number, string[]>;
  readonly templateParameters: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, string>>;
  /** Published artifacts (PublishBuildArtifacts: Container; PublishPipelineArtifact: PipelineArtifact). */
  artifacts?: FakeAzureArtifact[];
}

export interface FakeAzureArtifact {
  readonly id: number;
  readonly name: string;
  readonly type: 'Container' | 'PipelineArtifact';
  /** The job record that published it. */
  readonly source: string;
  /** The zip a download gives. */
  readonly zip: Uint8Array;
}

let counter = 0;
/** Deterministic GUID-shaped ids. */
export function fakeGuid(): string {
  counter += 1;
  return `6a8e0000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export class FakeAzureState {
  readonly tokens = new Map<string, FakeToken>();
  readonly organizations: string[] = [];
  readonly projects: { readonly org: string; readonly name: string; readonly id: string }[] = [];
  readonly repositories: FakeRepository[] = [];
  readonly definitions: FakeDefinition[] = [];
  readonly builds: FakeBuild[] = [];
  readonly approvals: FakeApproval[] = [];
  readonly testRuns: FakeTestRun[] = [];
  user: FakeIdentity = { id: '3b7a0000-0000-4000-8000-00000000d0d0', displayName: 'Dana Dev', uniqueName: 'dana@example.com' };

  constructor(readonly clock: ManualClock) {}

  project(org: string, name: string): { readonly org: string; readonly name: string; readonly id: string } | undefined {
    return this.projects.find((p) => p.org === org && (p.name.toLowerCase() === name.toLowerCase() || p.id === name));
  }

  repository(id: string): FakeRepository | undefined {
    return this.repositories.find((r) => r.id === id || r.name === id);
  }

  definition(org: string, project: string, id: number): FakeDefinition | undefined {
    return this.definitions.find((d) => d.org === org && d.project === project && d.id === id);
  }

  build(org: string, project: string, id: number): FakeBuild | undefined {
    return this.builds.find((b) => b.org === org && b.project === project && b.id === id);
  }

  mustBuild(id: number): FakeBuild {
    const build = this.builds.find((b) => b.id === id);
    if (!build) throw new Error(`no build ${id}`);
    return build;
  }

  nextBuildId(): number {
    return Math.max(100, ...this.builds.map((b) => b.id)) + 1;
  }

  addBuild(build: Omit<FakeBuild, 'planId' | 'records' | 'changeId' | 'logs' | 'queueTime' | 'templateParameters' | 'variables' | 'buildNumber'> & Partial<Pick<FakeBuild, 'planId' | 'records' | 'queueTime' | 'templateParameters' | 'variables' | 'buildNumber'>>): FakeBuild {
    const full: FakeBuild = { planId: fakeGuid(), records: [], changeId: 0, logs: new Map(), queueTime: this.clock.iso(), templateParameters: {}, variables: {}, buildNumber: `20260105.${build.id}`, ...build };
    this.builds.push(full);
    return full;
  }

  /** Adds a timeline record (the next change of the timeline). */
  addRecord(build: FakeBuild, record: Omit<FakeRecord, 'changeId' | 'issues' | 'attempt'> & Partial<Pick<FakeRecord, 'issues' | 'attempt'>>, log?: readonly string[]): FakeRecord {
    build.changeId += 1;
    const full: FakeRecord = { issues: [], attempt: 1, changeId: build.changeId, ...record };
    if (log !== undefined) {
      const logId = Math.max(1, ...build.logs.keys()) + 1;
      build.logs.set(logId, [...log]);
      full.logId = logId;
    }
    build.records.push(full);
    return full;
  }

  /** Changes a record (state, result, times, issues) as the next change of the timeline. */
  touch(build: FakeBuild, record: FakeRecord, change: Partial<Pick<FakeRecord, 'state' | 'result' | 'startTime' | 'finishTime' | 'issues' | 'attempt'>>): void {
    Object.assign(record, change);
    build.changeId += 1;
    record.changeId = build.changeId;
  }

  /** Appends lines to a record's log (creating it), as the agent uploads them. */
  appendLog(build: FakeBuild, record: FakeRecord, lines: readonly string[]): void {
    if (record.logId === undefined) {
      const logId = Math.max(1, ...build.logs.keys()) + 1;
      build.logs.set(logId, []);
      this.touch(build, record, {});
      record.logId = logId;
    }
    build.logs.get(record.logId)?.push(...lines);
  }
}
