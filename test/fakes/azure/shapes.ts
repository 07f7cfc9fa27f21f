/**
 * JSON shapes of Azure DevOps REST 7.1 as its official Swagger descriptions define them
 * (test/fixtures/azure, from MicrosoftDocs/vsts-rest-api-specs): Build, BuildDefinition, Timeline,
 * TimelineRecord, Approval, TestRun, TestCaseResult, Run. Collections come as the service sends them,
 * `{ "count": n, "value": [...] }`. A few fields FlowForge does not read are there too.
 */
import type { FakeApproval, FakeAzureArtifact, FakeAzureState, FakeBuild, FakeDefinition, FakeIdentity, FakeRecord, FakeRepository, FakeTestResult, FakeTestRun } from './state';

export const collection = (items: readonly unknown[]): { count: number; value: readonly unknown[] } => ({ count: items.length, value: items });

const project = (state: FakeAzureState, base: string, org: string, name: string): unknown => {
  const p = state.project(org, name);
  return { id: p?.id ?? name, name, url: `${base}/${org}/_apis/projects/${p?.id ?? name}`, state: 'wellFormed', revision: 11, visibility: 'private', lastUpdateTime: '2025-11-02T10:00:00Z' };
};

export function renderIdentity(base: string, identity: FakeIdentity): unknown {
  return { displayName: identity.displayName, url: `${base}/_apis/Identities/${identity.id}`, _links: { avatar: { href: `${base}/_apis/GraphProfile/MemberAvatars/aad.${identity.id}` } }, id: identity.id, uniqueName: identity.uniqueName, imageUrl: `${base}/_api/_common/identityImage?id=${identity.id}`, descriptor: `aad.${identity.id}` };
}

function renderRepository(base: string, repo: FakeRepository): unknown {
  return { id: repo.id, type: 'TfsGit', name: repo.name, url: `${base}/${repo.org}/${repo.project}/_git/${repo.name}`, defaultBranch: `refs/heads/${repo.defaultBranch}`, clean: null, checkoutSubmodules: false, properties: { cleanOptions: '0', labelSources: '0', reportBuildStatus: 'true' } };
}

function definitionReference(state: FakeAzureState, base: string, d: FakeDefinition): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    url: `${base}/${d.org}/${state.project(d.org, d.project)?.id ?? d.project}/_apis/build/Definitions/${d.id}?revision=3`,
    uri: `vstfs:///Build/Definition/${d.id}`,
    path: '\\',
    type: 'build',
    queueStatus: 'enabled',
    revision: 3,
    project: project(state, base, d.org, d.project),
  };
}

/** A full BuildDefinition (includeAllProperties=true, or GET one). */
export function renderDefinition(state: FakeAzureState, base: string, d: FakeDefinition): unknown {
  const repo = state.repository(d.repositoryId);
  return {
    ...definitionReference(state, base, d),
    _links: { self: { href: `${base}/${d.org}/_apis/build/Definitions/${d.id}` }, web: { href: `${base}/${d.org}/${d.project}/_build/definition?definitionId=${d.id}` } },
    quality: 'definition',
    authoredBy: renderIdentity(base, state.user),
    queue: { id: 9, name: 'Azure Pipelines', pool: { id: 9, name: 'Azure Pipelines', isHosted: true } },
    createdDate: '2025-10-01T08:00:00Z',
    process: d.yamlFilename !== undefined ? { yamlFilename: d.yamlFilename, type: 2 } : { phases: [], type: 1 },
    repository: repo === undefined ? null : renderRepository(base, repo),
    triggers: [],
    variables: {},
    options: [],
    retentionRules: [],
    jobAuthorizationScope: 'project',
    jobTimeoutInMinutes: 60,
    badgeEnabled: false,
  };
}

export function renderBuild(state: FakeAzureState, base: string, b: FakeBuild): unknown {
  const d = state.definition(b.org, b.project, b.definitionId);
  const repo = d === undefined ? undefined : state.repository(d.repositoryId);
  const projectId = state.project(b.org, b.project)?.id ?? b.project;
  const api = `${base}/${b.org}/${projectId}/_apis/build/Builds/${b.id}`;
  return {
    _links: { self: { href: api }, web: { href: `${base}/${b.org}/${projectId}/_build/results?buildId=${b.id}` }, sourceVersionDisplayUri: { href: `${api}/sources` }, timeline: { href: `${base}/${b.org}/${projectId}/_apis/build/builds/${b.id}/Timeline` } },
    properties: {},
    tags: [],
    validationResults: [],
    plans: [{ planId: b.planId }],
    triggerInfo: b.reason === 'individualCI' || b.reason === 'batchedCI' ? { 'ci.sourceBranch': b.sourceBranch, 'ci.sourceSha': b.sourceVersion, 'ci.message': b.message, 'ci.triggerRepository': repo?.id ?? '' } : {},
    id: b.id,
    buildNumber: b.buildNumber,
    status: b.status,
    ...(b.result !== null ? { result: b.result } : {}),
    queueTime: b.queueTime,
    ...(b.startTime !== undefined ? { startTime: b.startTime } : {}),
    ...(b.finishTime !== undefined ? { finishTime: b.finishTime } : {}),
    url: api,
    definition: d === undefined ? null : definitionReference(state, base, d),
    buildNumberRevision: 1,
    project: project(state, base, b.org, b.project),
    uri: `vstfs:///Build/Build/${b.id}`,
    sourceBranch: b.sourceBranch,
    sourceVersion: b.sourceVersion,
    queue: { id: 9, name: 'Azure Pipelines', pool: { id: 9, name: 'Azure Pipelines', isHosted: true } },
    priority: 'normal',
    reason: b.reason,
    requestedFor: renderIdentity(base, b.requestedFor),
    requestedBy: renderIdentity(base, b.requestedFor),
    lastChangedDate: b.finishTime ?? b.startTime ?? b.queueTime,
    lastChangedBy: renderIdentity(base, b.requestedFor),
    orchestrationPlan: { planId: b.planId },
    logs: { id: 0, type: 'Container', url: `${api}/logs` },
    repository: repo === undefined ? null : renderRepository(base, repo),
    retainedByRelease: false,
    triggeredByBuild: null,
    appendCommitMessageToRunName: true,
    templateParameters: b.templateParameters,
  };
}

export function renderRecord(base: string, b: FakeBuild, r: FakeRecord): unknown {
  const errors = r.issues.filter((i) => i.type === 'error').length;
  return {
    previousAttempts: [],
    id: r.id,
    parentId: r.parentId,
    type: r.type,
    name: r.name,
    startTime: r.startTime ?? null,
    finishTime: r.finishTime ?? null,
    currentOperation: null,
    percentComplete: null,
    state: r.state,
    result: r.result,
    resultCode: null,
    changeId: r.changeId,
    lastModified: r.finishTime ?? r.startTime ?? '0001-01-01T00:00:00',
    workerName: r.type === 'Job' && r.state !== 'pending' ? 'Hosted Agent' : null,
    order: r.order,
    details: null,
    errorCount: errors,
    warningCount: r.issues.length - errors,
    url: null,
    log: r.logId === undefined ? null : { id: r.logId, type: 'Container', url: `${base}/${b.org}/${b.project}/_apis/build/builds/${b.id}/logs/${r.logId}` },
    task: r.type === 'Task' ? { id: 'd9bafed4-0b18-4f58-968d-86655b4d2ce9', name: 'CmdLine', version: '2.250.1' } : null,
    attempt: r.attempt,
    identifier: r.identifier ?? null,
    ...(r.issues.length > 0 ? { issues: r.issues.map((i) => ({ type: i.type, category: 'General', message: i.message, data: { type: i.type, ...i.data } })) } : {}),
  };
}

/** The timeline, or only the records changed after `since`. */
export function renderTimeline(base: string, b: FakeBuild, since: number | undefined): unknown {
  const records = b.records.filter((r) => since === undefined || r.changeId > since);
  return { records: records.map((r) => renderRecord(base, b, r)), lastChangedBy: '00000002-0000-8888-8000-000000000000', lastChangedOn: b.finishTime ?? b.startTime ?? b.queueTime, id: b.planId, changeId: b.changeId, url: `${base}/${b.org}/${b.project}/_apis/build/builds/${b.id}/Timeline/${b.planId}` };
}

export function renderApproval(base: string, a: FakeApproval): unknown {
  return {
    id: a.id,
    steps: a.approvers.map((approver, index) => ({ assignedApprover: renderIdentity(base, approver), status: a.status, comment: a.comment ?? null, initiatedOn: '2026-01-05T08:50:00Z', order: index + 1, permissions: 'view, update', history: [] })),
    status: a.status,
    createdOn: '2026-01-05T08:50:00Z',
    lastModifiedOn: '2026-01-05T08:50:00Z',
    instructions: a.instructions,
    minRequiredApprovers: 1,
    blockedApprovers: [],
    executionOrder: 'anyOrder',
    _links: { self: { href: `${base}/_apis/pipelines/approvals/${a.id}` } },
  };
}

export function renderTestRun(base: string, org: string, project: string, r: FakeTestRun): unknown {
  const failed = r.results.filter((x) => x.outcome === 'Failed').length;
  return { id: r.id, name: r.name, url: `${base}/${org}/${project}/_apis/test/Runs/${r.id}`, build: { id: String(r.buildId) }, isAutomated: true, state: 'Completed', totalTests: r.total, incompleteTests: 0, notApplicableTests: r.total - r.passed - failed, passedTests: r.passed, unanalyzedTests: failed, revision: 2, webAccessUrl: `${base}/${org}/${project}/_TestManagement/Runs?runId=${r.id}` };
}

export function renderTestResult(base: string, run: FakeTestRun, result: FakeTestResult, index: number): unknown {
  return { id: 100000 + index, project: { id: 'p' }, outcome: result.outcome, testRun: { id: String(run.id), name: run.name, url: `${base}/_apis/test/Runs/${run.id}` }, testCaseTitle: result.title, automatedTestName: result.automatedTestName, automatedTestStorage: result.storage, ...(result.errorMessage !== undefined ? { errorMessage: result.errorMessage } : {}), ...(result.stackTrace !== undefined ? { stackTrace: result.stackTrace } : {}), durationInMs: 12, state: 'Completed', priority: 0 };
}

/** The Run of POST _apis/pipelines/{id}/runs. */
export function renderRun(state: FakeAzureState, base: string, b: FakeBuild): unknown {
  const d = state.definition(b.org, b.project, b.definitionId);
  return {
    _links: { self: { href: `${base}/${b.org}/${b.project}/_apis/pipelines/${b.definitionId}/runs/${b.id}` }, web: { href: `${base}/${b.org}/${b.project}/_build/results?buildId=${b.id}` } },
    pipeline: { url: `${base}/${b.org}/${b.project}/_apis/pipelines/${b.definitionId}`, id: b.definitionId, revision: 3, name: d?.name ?? '', folder: '\\' },
    state: 'inProgress',
    createdDate: b.queueTime,
    url: `${base}/${b.org}/${b.project}/_apis/pipelines/${b.definitionId}/runs/${b.id}`,
    resources: { repositories: { self: { repository: { id: d?.repositoryId ?? '', type: 'azureReposGit' }, refName: b.sourceBranch, version: b.sourceVersion } } },
    templateParameters: b.templateParameters,
    id: b.id,
    name: b.buildNumber,
  };
}

/**
 * BuildArtifact: a Container's downloadUrl is Get Artifact with $format=zip on the organization's
 * origin; a PipelineArtifact's names the artifacts host (`storage` here), as the service sends them.
 */
export function renderArtifact(base: string, storage: string, b: FakeBuild, a: FakeAzureArtifact): unknown {
  const api = `${base}/${b.org}/${b.project}/_apis/build/builds/${b.id}/artifacts`;
  const pipeline = a.type === 'PipelineArtifact';
  return {
    id: a.id,
    name: a.name,
    source: a.source,
    resource: {
      type: a.type,
      data: pipeline ? `${a.id.toString(16).padStart(8, '0')}A1B2C3D4E5F6` : `#/${a.id}/${a.name}`,
      properties: pipeline ? { RootId: `${a.id}`, artifactsize: String(a.zip.byteLength), HashType: 'SHA256', DomainId: '0' } : { localpath: `/home/vsts/work/1/a/${a.name}`, artifactsize: String(a.zip.byteLength) },
      url: `${api}?artifactName=${encodeURIComponent(a.name)}&api-version=7.1`,
      downloadUrl: pipeline ? `${storage}/${b.org}/_apis/artifact/${a.id}/content?format=zip` : `${api}?artifactName=${encodeURIComponent(a.name)}&api-version=7.1&%24format=zip`,
    },
  };
}
