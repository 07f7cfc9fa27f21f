/**
 * JSON shapes of the Jenkins remote access API (api/json of jobs and builds, the Pipeline REST API's
 * wfapi/describe, queue items), rendered from the fake's state. Every field appears as Jenkins names it.
 */
import { CLASSES, type FakeJenkinsBuild, type FakeJenkinsState, type FakeJob, type FakeParameter, type FakeQueueItem } from './state';


export interface Range {
  readonly from: number;
  readonly to: number;
}

/** The first `{from,to}` range of a tree parameter (Jenkins applies it to the list it follows). */
export function rangeOf(tree: string | null): Range | undefined {
  const match = /\{(\d*),(\d*)\}/.exec(tree ?? '');
  if (!match) return undefined;
  return { from: Number(match[1] || 0), to: match[2] === '' ? Number.MAX_SAFE_INTEGER : Number(match[2]) };
}

const slice = <T>(items: readonly T[], range: Range | undefined): T[] => (range ? items.slice(range.from, range.to) : [...items]);

export function jobUrl(base: string, names: readonly string[]): string {
  return `${base}${names.map((n) => `/job/${encodeURIComponent(n)}`).join('')}/`;
}

function color(job: FakeJob): string {
  const last = job.builds[0];
  if (!job.buildable && job.jobs === undefined) return 'disabled';
  if (last === undefined) return 'notbuilt';
  const base = last.result === 'SUCCESS' ? 'blue' : last.result === 'FAILURE' ? 'red' : last.result === 'UNSTABLE' ? 'yellow' : last.result === 'ABORTED' ? 'aborted' : 'blue';
  return last.building ? `${base}_anime` : base;
}

/**
 * A build's api/json. Actions that are not exported beans show as `{}` (Stapler's Property.writeValue):
 * a Pipeline build's ReplayAction (workflow-cps, attached to every WorkflowRun) among them; the
 * InputAction (pipeline-input-step, an ExportedBean) of a build that reached an `input` step exports
 * waitingForInput.
 */
export function renderBuild(base: string, names: readonly string[], b: FakeJenkinsBuild, job?: FakeJob): Record<string, unknown> {
  const freestyle = job?._class === CLASSES.freestyle;
  return {
    _class: freestyle ? 'hudson.model.FreeStyleBuild' : 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
    number: b.number,
    url: `${jobUrl(base, names)}${b.number}/`,
    result: b.result,
    building: b.building,
    timestamp: b.timestamp,
    duration: b.duration,
    estimatedDuration: b.estimatedDuration,
    displayName: `#${b.number}`,
    fullDisplayName: `${names.join(' » ')} #${b.number}`,
    queueId: 0,
    actions: [
      { _class: 'hudson.model.CauseAction', causes: [{ _class: b.cause.userId ? 'hudson.model.Cause$UserIdCause' : 'jenkins.branch.BranchIndexingCause', ...b.cause }] },
      { _class: 'hudson.plugins.git.util.BuildData', lastBuiltRevision: { SHA1: b.sha, branch: [{ SHA1: b.sha, name: `refs/remotes/origin/${b.branch}` }] }, remoteUrls: [b.remoteUrl] },
      ...(b.parameterValues ? [{ _class: 'hudson.model.ParametersAction', parameters: b.parameterValues.map((p) => ({ _class: typeof p.value === 'boolean' ? 'hudson.model.BooleanParameterValue' : 'hudson.model.StringParameterValue', ...p })) }] : []),
      ...(b.inputs !== undefined ? [{ _class: 'org.jenkinsci.plugins.workflow.support.steps.input.InputAction', waitingForInput: b.inputs.some((input) => input.answer === undefined) }] : []),
      // ReplayAction and other actions that export nothing.
      {},
      ...(freestyle ? [] : [{}]),
    ],
    changeSets: [{ _class: 'hudson.plugins.git.GitChangeSetList', kind: 'git', items: [{ commitId: b.sha, msg: b.message.split('\n')[0], author: { fullName: 'Jane Doe' } }] }],
    // hudson.model.Run.Artifact: displayPath is the shortest unique tail of the path (here the file name).
    artifacts: (b.artifacts ?? []).map((a) => ({ displayPath: a.relativePath.split('/').pop(), fileName: a.relativePath.split('/').pop(), relativePath: a.relativePath })),
  };
}

/** `inQueue` and `nextBuildNumber` of a buildable job (hudson.model.Job). */
function queueFields(state: FakeJenkinsState | undefined, names: readonly string[], job: FakeJob): Record<string, unknown> {
  if (job.jobs !== undefined) return {};
  return { inQueue: state !== undefined && state.waiting(names).length > 0, nextBuildNumber: (job.builds[0]?.number ?? 0) + 1 };
}

export function renderJob(base: string, names: readonly string[], job: FakeJob, tree: string | null, state?: FakeJenkinsState): Record<string, unknown> {
  const range = rangeOf(tree);
  const builds = slice(job.builds, range).map((b) => renderBuild(base, names, b, job));
  const body: Record<string, unknown> = {
    _class: job._class,
    name: job.name,
    displayName: job.name.includes('%') ? decodeURIComponent(job.name) : job.name,
    fullName: names.join('/'),
    url: jobUrl(base, names),
    buildable: job.buildable,
    color: color(job),
    ...queueFields(state, names, job),
  };
  if (job.jobs !== undefined) {
    body.jobs = job.jobs.map((c) => {
      const childNames = [...names, c.name];
      return {
        _class: c._class,
        name: c.name,
        displayName: c.name.includes('%') ? decodeURIComponent(c.name) : c.name,
        url: jobUrl(base, childNames),
        color: color(c),
        ...queueFields(state, childNames, c),
        builds: slice(c.builds, range).map((b) => renderBuild(base, childNames, b, c)),
        lastBuild: c.builds[0] ? renderBuild(base, childNames, c.builds[0], c) : null,
        ...(c.jobs ? { jobs: c.jobs.map((g) => ({ _class: g._class, name: g.name, lastBuild: g.builds[0] ? renderBuild(base, [...childNames, g.name], g.builds[0], g) : null })) } : {}),
      };
    });
  } else {
    body.builds = builds;
    body.lastBuild = builds[0] ?? null;
    body.property = [{ _class: 'hudson.model.ParametersDefinitionProperty', parameterDefinitions: job.parameters }];
  }
  return body;
}

/** GET {build}/wfapi/describe (Pipeline Stage View plugin). */
export function renderDescribe(base: string, names: readonly string[], b: FakeJenkinsBuild): Record<string, unknown> {
  const waiting = (b.inputs ?? []).some((input) => input.answer === undefined);
  const status = waiting ? 'PAUSED_PENDING_INPUT' : b.building ? 'IN_PROGRESS' : b.result === 'FAILURE' ? 'FAILED' : (b.result ?? 'IN_PROGRESS');
  return {
    _links: { self: { href: `${new URL(jobUrl(base, names)).pathname}${b.number}/wfapi/describe` } },
    id: String(b.number),
    name: `#${b.number}`,
    status,
    startTimeMillis: b.timestamp,
    endTimeMillis: b.timestamp + b.duration,
    durationMillis: b.duration,
    queueDurationMillis: 3,
    pauseDurationMillis: 0,
    stages: (b.stages ?? []).map((s) => ({ _links: { self: { href: `/execution/node/${s.id}/wfapi/describe` } }, id: s.id, name: s.name, execNode: '', status: s.status, startTimeMillis: s.startTimeMillis, durationMillis: s.durationMillis, pauseDurationMillis: 0 })),
  };
}

/**
 * An input's parameter as InputParameterDefExt (pipeline-stage-view rest-api): type, name, description
 * (left out when null), and `definition`, a map of defaultVal (boolean, string, password, choice) and
 * choices (choice), not the job API's defaultParameterValue.
 */
function inputParameter(p: FakeParameter): Record<string, unknown> {
  const value = p.defaultParameterValue?.value;
  return {
    type: p.type,
    name: p.name,
    ...(p.description !== undefined ? { description: p.description } : {}),
    definition: { ...(value !== undefined ? { defaultVal: value } : {}), ...(p.choices !== undefined ? { choices: p.choices } : {}) },
  };
}

/**
 * GET {build}/wfapi/pendingInputActions (Pipeline Stage View plugin, RunAPI.doPendingInputActions with
 * PendingInputActionsExt): the inputs not yet answered, each with its parameter definitions and the
 * URLs of its proceed (wfapi/inputSubmit) and abort (input/{id}/abort) actions, context path included.
 */
export function renderPendingInputs(base: string, names: readonly string[], b: FakeJenkinsBuild): Record<string, unknown>[] {
  const path = `${new URL(jobUrl(base, names)).pathname}${b.number}`;
  return (b.inputs ?? [])
    .filter((input) => input.answer === undefined)
    .map((input) => ({
      id: input.id,
      proceedText: input.proceedText,
      message: input.message,
      inputs: input.parameters.map(inputParameter),
      proceedUrl: `${path}/wfapi/inputSubmit?inputId=${input.id}`,
      abortUrl: `${path}/input/${input.id}/abort`,
      redirectApprovalUrl: `${path}/input/`,
    }));
}

/** GET {build}/testReport/api/json (JUnit plugin hudson.tasks.junit.TestResult with its SuiteResults and CaseResults). */
export function renderTestReport(b: FakeJenkinsBuild): Record<string, unknown> {
  const cases = (b.tests ?? []).flatMap((s) => s.cases);
  const count = (statuses: readonly string[]): number => cases.filter((c) => statuses.includes(c.status)).length;
  return {
    _class: 'hudson.tasks.junit.TestResult',
    duration: 1.25,
    empty: false,
    failCount: count(['FAILED', 'REGRESSION']),
    passCount: count(['PASSED', 'FIXED']),
    skipCount: count(['SKIPPED']),
    suites: (b.tests ?? []).map((s, i) => ({
      duration: 0.5,
      id: null,
      name: s.name,
      stderr: null,
      stdout: null,
      timestamp: '2026-11-30T09:20:00',
      cases: s.cases.map((c) => ({
        testActions: [],
        age: c.status === 'REGRESSION' || c.status === 'FAILED' ? 1 : 0,
        className: c.className,
        duration: 0.01 * (i + 1),
        errorDetails: c.errorDetails ?? null,
        errorStackTrace: c.errorStackTrace ?? null,
        failedSince: c.status === 'FAILED' || c.status === 'REGRESSION' ? b.number : 0,
        name: c.name,
        skipped: c.status === 'SKIPPED',
        skippedMessage: null,
        status: c.status,
        stderr: null,
        stdout: null,
      })),
    })),
  };
}

const QUEUE_CLASS = { waiting: 'hudson.model.Queue$WaitingItem', blocked: 'hudson.model.Queue$BlockedItem', buildable: 'hudson.model.Queue$BuildableItem', left: 'hudson.model.Queue$LeftItem' };

/** One item as GET /queue/item/N/api/json shows it; a LeftItem carries `executable` (its build) or `cancelled`. */
export function renderQueueItem(base: string, q: FakeQueueItem): Record<string, unknown> {
  const names = q.job.split('/');
  const left = q.executable !== undefined || q.cancelled === true;
  return {
    _class: left ? QUEUE_CLASS.left : q.blocked ? QUEUE_CLASS.blocked : q.stuck ? QUEUE_CLASS.buildable : QUEUE_CLASS.waiting,
    actions: [{ _class: 'hudson.model.CauseAction', causes: [{ _class: 'hudson.model.Cause$UserIdCause', shortDescription: 'Started by user Jane Doe', userId: 'jdoe', userName: 'Jane Doe' }] }],
    blocked: !left && q.blocked,
    buildable: !left && !q.blocked,
    id: q.id,
    inQueueSince: q.inQueueSince,
    params: '',
    stuck: !left && q.stuck,
    task: { _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob', name: names.at(-1), url: jobUrl(base, names), color: 'blue' },
    url: `queue/item/${q.id}/`,
    why: left ? null : q.why,
    ...(left ? { cancelled: q.cancelled === true, executable: q.executable !== undefined ? { _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun', number: q.executable, url: `${jobUrl(base, names)}${q.executable}/` } : null } : {}),
  };
}

/** GET /queue/api/json: the items still waiting. */
export function renderQueue(base: string, state: FakeJenkinsState): Record<string, unknown> {
  return { _class: 'hudson.model.Queue', discoverableItems: [], items: state.queue.filter((q) => q.executable === undefined && q.cancelled !== true).map((q) => renderQueueItem(base, q)) };
}
