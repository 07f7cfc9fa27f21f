/** Route handlers of the fake Azure DevOps REST API 7.1 (build, pipelines, approvals, test, connection data). */
import { parseAllDocuments } from 'yaml';
import { json, text, type KitRequest, type Reply, type Router, type SignBlob } from '../kit';
import { collection, renderApproval, renderArtifact, renderBuild, renderDefinition, renderRun, renderTestResult, renderTestRun, renderTimeline } from './shapes';
import type { FakeAzureState, FakeBuild, FakeRecord, FakeToken } from './state';

type Req = KitRequest<FakeToken>;

export const CONTINUATION = 'x-ms-continuationtoken';

/** An Azure DevOps error body. */
export function vssError(status: number, message: string, typeKey = 'VssServiceException'): Reply {
  return json(status, { $id: '1', innerException: null, message, typeName: `Microsoft.VisualStudio.Services.WebApi.${typeKey}, Microsoft.VisualStudio.Services.WebApi`, typeKey, errorCode: 0, eventId: 3000 });
}

function needs(scope: string, req: Req): Reply | undefined {
  return req.identity.scopes.includes(scope) ? undefined : vssError(403, `Access denied: the personal access token does not have the ${scope} scope needed for this request.`, 'UnauthorizedRequestException');
}

/** Every request but connection data must say api-version=7.1 (the descriptions require it). */
function versionProblem(req: Req): Reply | undefined {
  const version = req.query.get('api-version');
  if (version === '7.1') return undefined;
  return vssError(400, version === null ? 'No api-version was supplied for the request.' : `The requested REST API version of ${version} is out of range for this server.`, 'VssVersionOutOfRangeException');
}

function body(req: Req): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
}

/** A page of `items` from `continuationToken` (an index here; opaque to clients) and `$top`. */
function page<T>(items: readonly T[], req: Req, defaultTop: number): { readonly items: readonly T[]; readonly headers: Record<string, string> } {
  const start = Number(req.query.get('continuationToken') ?? '0') || 0;
  const top = Math.max(1, Number(req.query.get('$top') ?? defaultTop) || defaultTop);
  const slice = items.slice(start, start + top);
  return { items: slice, headers: start + top < items.length ? { [CONTINUATION]: String(start + top) } : {} };
}

const yamlParameters = (yamlText: string): { name: string; values?: unknown[] }[] => {
  const out: { name: string; values?: unknown[] }[] = [];
  for (const document of parseAllDocuments(yamlText)) {
    const js = (Array.isArray(document) ? undefined : document.toJS()) as { parameters?: unknown } | undefined;
    for (const p of Array.isArray(js?.parameters) ? js.parameters : []) {
      const param = p as { name?: unknown; values?: unknown };
      if (typeof param.name === 'string') out.push({ name: param.name, ...(Array.isArray(param.values) ? { values: param.values } : {}) });
    }
  }
  return out;
};

export function addRoutes(router: Router<FakeToken>, state: FakeAzureState, base: () => string, sign: SignBlob, storage: () => string): void {
  const connectionData = (): Reply => json(200, { authenticatedUser: { id: state.user.id, descriptor: `aad.${state.user.id}`, subjectDescriptor: `aad.${state.user.id}`, providerDisplayName: state.user.displayName, isActive: true, properties: { Account: { $type: 'System.String', $value: state.user.uniqueName } }, resourceVersion: 2, metaTypeId: 0 }, authorizedUser: { id: state.user.id, providerDisplayName: state.user.displayName, isActive: true }, instanceId: '5d0f1c6e-0000-4000-8000-000000000001', deploymentId: '5d0f1c6e-0000-4000-8000-000000000002', deploymentType: 'hosted', locationServiceData: { serviceOwner: '00025394-6065-48ca-87d9-7f5672854ef7', defaultAccessMappingMoniker: 'PublicAccessMapping', lastChangeId: 1, lastChangeId64: 1 } });
  const inProject = (req: Req, scope: string, then: (org: string, project: string) => Reply): Reply => {
    const problem = versionProblem(req) ?? needs(scope, req);
    if (problem) return problem;
    const { org = '', project = '' } = req.params;
    const p = state.organizations.includes(org) ? state.project(org, project) : undefined;
    if (p === undefined) return vssError(404, `TF200016: The following project does not exist: ${project}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`, 'ProjectDoesNotExistWithNameException');
    return then(org, p.name);
  };
  const withBuild = (req: Req, scope: string, then: (build: FakeBuild) => Reply): Reply =>
    inProject(req, scope, (org, project) => {
      const build = state.build(org, project, Number(req.params.buildId));
      return build === undefined ? vssError(404, `The requested build ${req.params.buildId ?? ''} could not be found.`, 'BuildNotFoundException') : then(build);
    });

  router
    .add('GET /_apis/connectionData', () => connectionData())
    .add('GET /{org}/_apis/connectionData', (req) => (state.organizations.includes(req.params.org ?? '') ? connectionData() : vssError(404, 'The resource cannot be found.')))
    .add('GET /{org}/{project}/_apis/build/definitions', (req) =>
      inProject(req, 'vso.build', (org, project) => {
        const repositoryId = req.query.get('repositoryId');
        const all = state.definitions.filter((d) => d.org === org && d.project === project && (repositoryId === null || d.repositoryId === repositoryId)).sort((a, b) => a.name.localeCompare(b.name));
        const p = page(all, req, 10_000);
        const full = req.query.get('includeAllProperties') === 'true';
        return json(200, collection(p.items.map((d) => (full ? renderDefinition(state, base(), d) : { ...(renderDefinition(state, base(), d) as Record<string, unknown>), process: undefined, repository: undefined }))), p.headers);
      }),
    )
    .add('GET /{org}/{project}/_apis/build/builds', (req) =>
      inProject(req, 'vso.build', (org, project) => {
        const q = req.query;
        const repositoryId = q.get('repositoryId');
        if (repositoryId !== null && q.get('repositoryType') === null) return vssError(400, 'A repository type is required when a repository is given.', 'ArgumentException');
        const definitions = q.get('definitions')?.split(',').map(Number);
        const branch = q.get('branchName');
        const status = q.get('statusFilter');
        const builds = state.builds
          .filter((b) => b.org === org && b.project === project)
          .filter((b) => repositoryId === null || state.definition(org, project, b.definitionId)?.repositoryId === repositoryId)
          .filter((b) => definitions === undefined || definitions.includes(b.definitionId))
          .filter((b) => branch === null || b.sourceBranch === branch)
          .filter((b) => status === null || status === 'all' || b.status === status)
          .sort((a, b) => (q.get('queryOrder') === 'queueTimeAscending' ? a.queueTime.localeCompare(b.queueTime) : b.queueTime.localeCompare(a.queueTime)) || b.id - a.id);
        const p = page(builds, req, 1000);
        return json(200, collection(p.items.map((b) => renderBuild(state, base(), b))), p.headers);
      }),
    )
    .add('GET /{org}/{project}/_apis/build/builds/{buildId}', (req) => withBuild(req, 'vso.build', (b) => json(200, renderBuild(state, base(), b))))
    // Artifacts - List, and with artifactName Artifacts - Get Artifact: JSON, or the zip when asked for it
    // (Accept: application/zip); a pipeline artifact's zip comes from blob storage after a 302.
    .add('GET /{org}/{project}/_apis/build/builds/{buildId}/artifacts', (req) =>
      withBuild(req, 'vso.build', (b) => {
        const name = req.query.get('artifactName');
        if (name === null) return json(200, collection((b.artifacts ?? []).map((a) => renderArtifact(base(), storage(), b, a))));
        const a = (b.artifacts ?? []).find((x) => x.name === name);
        if (a === undefined) return vssError(404, `Artifact ${name} was not found for build ${b.id}.`, 'ArtifactNotFoundException');
        const zip = String(req.headers.accept ?? '').includes('application/zip') || req.query.get('$format') === 'zip';
        if (!zip) return json(200, renderArtifact(base(), storage(), b, a));
        if (a.type === 'Container') return { status: 200, bytes: a.zip, headers: { 'content-type': 'application/zip' } };
        const url = sign(`${b.id}-${a.name}`, a.zip, 'application/zip');
        return { status: 302, text: '', headers: { location: url } };
      }),
    )
    .add('PATCH /{org}/{project}/_apis/build/builds/{buildId}', (req) =>
      withBuild(req, 'vso.build_execute', (b) => {
        if (body(req).status !== 'cancelling') return vssError(400, 'Only the status can be changed here.', 'ArgumentException');
        if (b.status === 'completed') return vssError(400, `The build ${b.buildNumber} has already completed and cannot be cancelled.`, 'InvalidBuildException');
        b.status = 'cancelling';
        return json(200, renderBuild(state, base(), b));
      }),
    )
    .add('GET /{org}/{project}/_apis/build/builds/{buildId}/timeline/{timelineId}', (req) =>
      withBuild(req, 'vso.build', (b) => {
        if (req.params.timelineId !== b.planId) return vssError(404, `Timeline ${req.params.timelineId ?? ''} was not found.`, 'TimelineNotFoundException');
        const since = req.query.get('changeId');
        return json(200, renderTimeline(base(), b, since === null ? undefined : Number(since)));
      }),
    )
    .add('GET /{org}/{project}/_apis/build/builds/{buildId}/logs/{logId}', (req) =>
      withBuild(req, 'vso.build', (b) => {
        const lines = b.logs.get(Number(req.params.logId));
        if (lines === undefined) return vssError(404, `Build log ${req.params.logId ?? ''} was not found.`, 'BuildLogNotFoundException');
        // Lines are numbered from 1; startLine and endLine are inclusive.
        const start = Math.max(1, Number(req.query.get('startLine') ?? '1') || 1);
        const end = Math.min(lines.length, Number(req.query.get('endLine') ?? lines.length) || lines.length);
        const slice = lines.slice(start - 1, end);
        return String(req.headers.accept ?? '').includes('text/plain') ? text(200, slice.map((line) => `${line}\n`).join('')) : json(200, collection(slice));
      }),
    )
    .add('PATCH /{org}/{project}/_apis/build/builds/{buildId}/stages/{stage}', (req) =>
      withBuild(req, 'vso.build_execute', (b) => {
        const stage = b.records.find((r) => r.type === 'Stage' && r.identifier === req.params.stage);
        if (stage === undefined) return vssError(404, `Stage ${req.params.stage ?? ''} was not found.`, 'StageNotFoundException');
        if (body(req).state !== 'retry') return vssError(400, 'Only retry is supported by this fake.', 'ArgumentException');
        if (stage.state !== 'completed' || (stage.result !== 'failed' && stage.result !== 'canceled')) return vssError(400, `Stage ${stage.name} cannot be retried: it did not fail.`, 'InvalidOperationException');
        const force = body(req).forceRetryAllJobs === true;
        retryStage(state, b, stage, force);
        return { status: 200 };
      }),
    )
    .add('POST /{org}/{project}/_apis/pipelines/{pipelineId}/runs', (req) =>
      inProject(req, 'vso.build_execute', (org, project) => {
        const d = state.definition(org, project, Number(req.params.pipelineId));
        if (d === undefined) return vssError(404, `Pipeline ${req.params.pipelineId ?? ''} was not found.`, 'PipelineNotFoundException');
        const given = body(req);
        const refName = (((given.resources as Record<string, unknown> | undefined)?.repositories as Record<string, unknown> | undefined)?.self as Record<string, unknown> | undefined)?.refName;
        const repo = state.repository(d.repositoryId);
        const branch = typeof refName === 'string' ? refName : `refs/heads/${repo?.defaultBranch ?? 'main'}`;
        const yaml = d.yamlFilename === undefined ? undefined : repo?.files.get(`${branch.replace(/^refs\/heads\//, '')}|${d.yamlFilename.replace(/^\//, '')}`);
        const declared = yaml === undefined ? [] : yamlParameters(yaml);
        const parameters = (given.templateParameters ?? {}) as Record<string, unknown>;
        for (const [name, value] of Object.entries(parameters)) {
          const p = declared.find((x) => x.name === name);
          if (p === undefined) return vssError(400, `Unexpected parameter '${name}'`, 'PipelineValidationException');
          if (p.values !== undefined && !p.values.map(String).includes(String(value))) return vssError(400, `The '${name}' parameter value '${String(value)}' is not a valid value.`, 'PipelineValidationException');
        }
        const variables = Object.fromEntries(Object.entries((given.variables ?? {}) as Record<string, { value?: string }>).map(([k, v]) => [k, v.value ?? '']));
        const build = state.addBuild({
          id: state.nextBuildId(),
          org,
          project,
          definitionId: d.id,
          status: 'notStarted',
          result: null,
          reason: 'manual',
          sourceBranch: branch,
          sourceVersion: 'f00dfeed00000000000000000000000000000001',
          message: '',
          requestedFor: state.user,
          templateParameters: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, String(v)])),
          variables,
        });
        return json(200, renderRun(state, base(), build));
      }),
    )
    .add('GET /{org}/{project}/_apis/pipelines/approvals', (req) =>
      inProject(req, 'vso.build', () => {
        const ids = req.query.get('approvalIds')?.split(',');
        const wanted = req.query.get('state');
        const found = state.approvals.filter((a) => (ids === undefined || ids.includes(a.id)) && (wanted === null || wanted === 'all' || a.status === wanted));
        const expand = req.query.get('$expand');
        return json(200, collection(found.map((a) => {
          const rendered = renderApproval(base(), a) as Record<string, unknown>;
          return expand === 'steps' ? rendered : { ...rendered, steps: [] };
        })));
      }),
    )
    .add('PATCH /{org}/{project}/_apis/pipelines/approvals', (req) =>
      inProject(req, 'vso.build_execute', () => {
        const updates = Array.isArray(req.body) ? (req.body as Record<string, unknown>[]) : [];
        if (updates.length === 0) return vssError(400, 'Value cannot be null. Parameter name: updateParameters', 'ArgumentNullException');
        const done: unknown[] = [];
        for (const update of updates) {
          const approval = state.approvals.find((a) => a.id === update.approvalId);
          if (approval === undefined) return vssError(404, `Approval ${String(update.approvalId)} was not found.`, 'ApprovalNotFoundException');
          if (approval.status !== 'pending') return vssError(400, `Approval ${approval.id} is not pending.`, 'InvalidApprovalStateException');
          if (update.status !== 'approved' && update.status !== 'rejected') return vssError(400, `Status ${String(update.status)} is not allowed.`, 'ArgumentException');
          approval.status = update.status;
          approval.comment = typeof update.comment === 'string' ? update.comment : undefined;
          settleApproval(state, approval.buildId, approval.id, update.status === 'approved');
          done.push(renderApproval(base(), approval));
        }
        return json(200, collection(done));
      }),
    )
    .add('GET /{org}/{project}/_apis/test/runs', (req) =>
      inProject(req, 'vso.test', (org, project) => {
        const buildUri = req.query.get('buildUri');
        const runs = state.testRuns.filter((r) => buildUri === null || buildUri === `vstfs:///Build/Build/${r.buildId}`);
        return json(200, collection(runs.map((r) => renderTestRun(base(), org, project, r))));
      }),
    )
    .add('GET /{org}/{project}/_apis/test/Runs/{runId}/results', (req) =>
      inProject(req, 'vso.test', () => {
        const run = state.testRuns.find((r) => r.id === Number(req.params.runId));
        if (run === undefined) return vssError(404, `Test run ${req.params.runId ?? ''} was not found.`, 'TestObjectNotFoundException');
        const outcomes = req.query.get('outcomes')?.split(',').map((o) => o.trim().toLowerCase());
        const top = Number(req.query.get('$top') ?? 1000) || 1000;
        const results = run.results.map((r, i) => ({ r, i })).filter(({ r }) => outcomes === undefined || outcomes.includes(r.outcome.toLowerCase())).slice(0, top);
        return json(200, collection(results.map(({ r, i }) => renderTestResult(base(), run, r, i))));
      }),
    )
    .add('GET /{org}/{project}/_apis/sourceProviders/{provider}/filecontents', (req) =>
      inProject(req, 'vso.build', () => {
        if (req.params.provider !== 'TfsGit') return vssError(400, `Source provider ${req.params.provider ?? ''} needs a service endpoint.`, 'ArgumentException');
        const repo = state.repository(req.query.get('repository') ?? '');
        const branch = (req.query.get('commitOrBranch') ?? repo?.defaultBranch ?? '').replace(/^refs\/heads\//, '');
        const content = repo?.files.get(`${branch}|${(req.query.get('path') ?? '').replace(/^\//, '')}`);
        return content === undefined ? vssError(404, `The file ${req.query.get('path') ?? ''} was not found at ${branch}.`, 'GitItemNotFoundException') : text(200, content);
      }),
    )
    .add('GET /{org}/{project}/_apis/sourceProviders/{provider}/branches', (req) =>
      inProject(req, 'vso.build', () => {
        const repo = state.repository(req.query.get('repository') ?? '');
        return repo === undefined ? vssError(404, 'The repository was not found.', 'GitRepositoryNotFoundException') : json(200, collection(repo.branches.map((b) => `refs/heads/${b}`)));
      }),
    );
}

/** Stage retry: the stage and its failed (or all) jobs go back to pending, with the next attempt. */
export function retryStage(state: FakeAzureState, build: FakeBuild, stage: FakeRecord, force: boolean): void {
  const inStage = (r: FakeRecord): boolean => {
    let parent = r.parentId === null ? undefined : build.records.find((x) => x.id === r.parentId);
    for (let hops = 0; parent !== undefined && hops < 5; hops++) {
      if (parent.id === stage.id) return true;
      parent = parent.parentId === null ? undefined : build.records.find((x) => x.id === parent?.parentId);
    }
    return false;
  };
  const jobs = build.records.filter((r) => r.type === 'Job' && inStage(r) && (force || r.result === 'failed' || r.result === 'canceled'));
  for (const job of jobs) {
    state.touch(build, job, { state: 'pending', result: null, startTime: undefined, finishTime: undefined, attempt: job.attempt + 1, issues: [] });
    for (const task of build.records.filter((r) => r.parentId === job.id)) state.touch(build, task, { state: 'pending', result: null, startTime: undefined, finishTime: undefined, issues: [] });
  }
  state.touch(build, stage, { state: 'pending', result: null, finishTime: undefined, attempt: stage.attempt + 1 });
  build.status = 'inProgress';
  build.result = null;
  build.finishTime = undefined;
}

/** An approval decided: its checkpoint completes; a rejection fails the stage and the build. */
export function settleApproval(state: FakeAzureState, buildId: number, approvalId: string, approved: boolean): void {
  const build = state.builds.find((b) => b.id === buildId);
  const record = build?.records.find((r) => r.id === approvalId);
  if (build === undefined || record === undefined) return;
  const now = state.clock.iso();
  state.touch(build, record, { state: 'completed', result: approved ? 'succeeded' : 'failed', finishTime: now });
  const checkpoint = build.records.find((r) => r.id === record.parentId);
  if (checkpoint !== undefined) state.touch(build, checkpoint, { state: 'completed', result: approved ? 'succeeded' : 'failed', finishTime: now });
  const stage = build.records.find((r) => r.id === checkpoint?.parentId);
  if (stage === undefined) return;
  if (approved) {
    state.touch(build, stage, { state: 'inProgress', startTime: now });
  } else {
    state.touch(build, stage, { state: 'completed', result: 'failed', finishTime: now });
    build.status = 'completed';
    build.result = 'failed';
    build.finishTime = now;
  }
}
