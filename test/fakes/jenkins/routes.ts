/** Route handlers of the fake Jenkins, under its path prefix; job routes for folder depths 1 to 4. */
import { json, text, type KitRequest, type Reply, type Router } from '../kit';
import { jobUrl, renderBuild, renderDescribe, renderJob, renderPendingInputs, renderQueue, renderQueueItem, renderTestReport } from './shapes';
import { CLASSES, type FakeInput, type FakeJenkinsBuild, type FakeJenkinsState, type FakeJob } from './state';

export interface Identity {
  /** Undefined: anonymous. */
  readonly user?: string;
  /** Signed in with the password (not an API token): POSTs need the crumb. */
  readonly password: boolean;
}

type Req = KitRequest<Identity>;
const MAX_DEPTH = 4;

const html = (status: number, body: string): Reply => text(status, `<html><head><title>Error ${status}</title></head><body><h2>HTTP ERROR ${status}</h2><p>${body}</p></body></html>`, { 'content-type': 'text/html;charset=utf-8' });
const notFound = (): Reply => html(404, 'Not Found');

function jobPattern(depth: number): string {
  return Array.from({ length: depth }, (_v, i) => `/job/{j${i}}`).join('');
}

function namesOf(req: Req): string[] {
  return Array.from({ length: MAX_DEPTH }, (_v, i) => req.params[`j${i}`]).filter((n): n is string => n !== undefined);
}

export function addRoutes(router: Router<Identity>, state: FakeJenkinsState, prefix: string, base: () => string): void {
  const readable = (req: Req): Reply | undefined =>
    req.identity.user === undefined && !state.anonymousRead ? html(403, 'anonymous is missing the Overall/Read permission') : undefined;
  const writable = (req: Req): Reply | undefined => {
    if (req.identity.user === undefined) return html(403, 'anonymous is missing the Job/Build permission');
    if (state.crumbIssuer && req.identity.password && req.headers['jenkins-crumb'] !== state.crumb) return html(403, 'No valid crumb was included in the request');
    return undefined;
  };
  const withJob = (req: Req, then: (job: FakeJob, names: string[]) => Reply): Reply => {
    const denied = readable(req);
    if (denied) return denied;
    const names = namesOf(req);
    const job = state.job(names);
    return job === undefined ? notFound() : then(job, names);
  };
  const withBuild = (req: Req, then: (build: FakeJenkinsBuild, names: string[], job: FakeJob) => Reply): Reply =>
    withJob(req, (job, names) => {
      const build = job.builds.find((b) => String(b.number) === req.params.number);
      return build === undefined ? notFound() : then(build, names, job);
    });

  router
    .add(`GET ${prefix}/api/json`, (req) => readable(req) ?? json(200, { _class: 'hudson.model.Hudson', mode: 'NORMAL', nodeName: '', url: `${base()}/`, jobs: state.root.map((j) => renderJob(base(), [j.name], j, req.query.get('tree'), state)) }))
    .add(`GET ${prefix}/me/api/json`, (req) => json(200, req.identity.user === undefined ? { _class: 'hudson.model.User', id: 'anonymous', fullName: 'anonymous' } : { _class: 'hudson.model.User', id: req.identity.user, fullName: state.users.find((u) => u.id === req.identity.user)?.fullName ?? '' }))
    .add(`GET ${prefix}/crumbIssuer/api/json`, (req) => readable(req) ?? (state.crumbIssuer ? json(200, { _class: 'hudson.security.csrf.DefaultCrumbIssuer', crumb: state.crumb, crumbRequestField: 'Jenkins-Crumb' }) : notFound()))
    .add(`GET ${prefix}/queue/api/json`, (req) => readable(req) ?? json(200, renderQueue(base(), state)))
    .add(`GET ${prefix}/queue/item/{id}/api/json`, (req) => {
      const item = state.queue.find((q) => String(q.id) === req.params.id);
      return readable(req) ?? (item === undefined ? notFound() : json(200, renderQueueItem(base(), item)));
    })
    .add(`POST ${prefix}/queue/cancelItem`, (req) => {
      const denied = readable(req) ?? writable(req);
      if (denied) return denied;
      const item = state.queue.find((q) => String(q.id) === req.query.get('id') && q.executable === undefined);
      if (item === undefined) return notFound();
      item.cancelled = true;
      return { status: 204 };
    });

  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    const job = `${prefix}${jobPattern(depth)}`;
    router
      .add(`GET ${job}/api/json`, (req) => withJob(req, (j, names) => json(200, renderJob(base(), names, j, req.query.get('tree'), state))))
      .add(`GET ${job}/`, (req) => withJob(req, (j) => text(200, `<html><body>Job ${j.name}</body></html>`, { 'content-type': 'text/html;charset=utf-8' })))
      .add(`GET ${job}/{number}/api/json`, (req) => withBuild(req, (b, names, j) => json(200, renderBuild(base(), names, b, j))))
      .add(`GET ${job}/{number}/`, (req) => withBuild(req, (b) => text(200, `<html><body>Build #${b.number}</body></html>`, { 'content-type': 'text/html;charset=utf-8' })))
      .add(`GET ${job}/{number}/wfapi/describe`, (req) => withBuild(req, (b, names) => (b.stages === undefined ? notFound() : json(200, renderDescribe(base(), names, b)))))
      .add(`GET ${job}/{number}/wfapi/pendingInputActions`, (req) => withBuild(req, (b, names) => (b.stages === undefined ? notFound() : json(200, renderPendingInputs(base(), names, b)))))
      .add(`GET ${job}/{number}/testReport/api/json`, (req) => withBuild(req, (b) => (b.tests === undefined ? notFound() : json(200, renderTestReport(b)))))
      .add(`GET ${job}/{number}/consoleText`, (req) => withBuild(req, (b) => text(200, b.console)))
      .add(`GET ${job}/{number}/artifact/*path`, (req) =>
        withBuild(req, (b) => {
          const file = (b.artifacts ?? []).find((a) => a.relativePath === req.params.path);
          return file === undefined ? notFound() : { status: 200, bytes: file.bytes, headers: { 'content-type': 'application/octet-stream' } };
        }),
      )
      .add(`GET ${job}/{number}/logText/progressiveText`, (req) =>
        withBuild(req, (b) => {
          const bytes = Buffer.from(b.console, 'utf8');
          const start = Math.min(bytes.length, Math.max(0, Number(req.query.get('start') ?? 0)));
          return { status: 200, bytes: bytes.subarray(start), headers: { 'content-type': 'text/plain;charset=utf-8', 'x-text-size': String(bytes.length), ...(b.building ? { 'x-more-data': 'true' } : {}) } };
        }),
      );
    for (const verb of ['build', 'buildWithParameters']) {
      router.add(`POST ${job}/${verb}`, (req) =>
        withJob(req, (j, names) => {
          const denied = writable(req);
          if (denied) return denied;
          if (j.jobs !== undefined || !j.buildable) return html(405, 'Method Not Allowed');
          if (verb === 'build' && j.parameters.length > 0) return html(400, 'This page expects a form submission');
          const values = verb === 'buildWithParameters' ? j.parameters.flatMap((p) => (req.query.has(p.name) ? [{ name: p.name, value: /Boolean/.test(p.type) ? req.query.get(p.name) === 'true' : (req.query.get(p.name) ?? '') }] : [])) : undefined;
          const user = state.users.find((u) => u.id === req.identity.user);
          const id = state.schedule(names, j, undefined, { ...(values ? { parameterValues: values } : {}), ...(user ? { by: { id: user.id, fullName: user.fullName } } : {}) });
          return { status: 201, headers: { location: `${base()}/queue/item/${id}/` } };
        }),
      );
    }
    router.add(`POST ${job}/{number}/replay/rebuild`, (req) =>
      withBuild(req, (b, names, j) => {
        const denied = writable(req);
        if (denied) return denied;
        // ReplayAction.doRebuild: every Pipeline build of a buildable job (its Factory attaches it to each WorkflowRun).
        if (j._class === CLASSES.freestyle) return notFound();
        if (!j.buildable) return html(409, `${names.join('/')} is not buildable`);
        state.schedule(names, j, undefined, { replayOf: b.number, ...(b.parameterValues ? { parameterValues: b.parameterValues } : {}) });
        return { status: 302, headers: { location: jobUrl(base(), names) } };
      }),
    );
    for (const verb of ['proceedEmpty', 'proceed', 'abort']) {
      router.add(`POST ${job}/{number}/input/{input}/${verb}`, (req) =>
        withBuild(req, (b) => {
          const denied = writable(req);
          if (denied) return denied;
          const input = b.inputs?.find((i) => i.id === req.params.input && i.answer === undefined);
          if (input === undefined) return notFound();
          const values = verb === 'proceed' ? submittedValues(req.query.get('json'), input) : verb === 'proceedEmpty' && input.parameters.length === 0 ? {} : undefined;
          if (verb !== 'abort' && values === undefined) return html(400, 'This input needs its parameters (json={"parameter":[…]})');
          answerInput(b, input, verb === 'abort' ? 'abort' : 'proceed', values ?? {}, req.identity.user ?? 'anonymous');
          // InputStepExecution.doProceed / doProceedEmpty / doAbort answer HttpResponses.ok().
          return { status: 200 };
        }),
      );
    }
    for (const verb of ['stop', 'term', 'kill']) {
      router.add(`POST ${job}/{number}/${verb}`, (req) =>
        withBuild(req, (b, names) => {
          const denied = writable(req);
          if (denied) return denied;
          b.stops.push(verb);
          if (b.building) {
            b.building = false;
            b.result = 'ABORTED';
            b.console += `Aborted by ${req.identity.user ?? 'anonymous'}\nFinished: ABORTED\n`;
          }
          return { status: 302, headers: { location: `${jobUrl(base(), names)}${b.number}/` } };
        }),
      );
    }
  }
}

/** The values of a proceed form (`json={"parameter":[{"name":…,"value":…}]}`), each named by the input; undefined when malformed. */
function submittedValues(json: string | null, input: FakeInput): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(json ?? '') as { parameter?: unknown };
    const list = (Array.isArray(parsed.parameter) ? parsed.parameter : [parsed.parameter]) as ({ name?: unknown; value?: unknown } | undefined)[];
    const values: Record<string, unknown> = {};
    for (const entry of list) {
      if (typeof entry?.name !== 'string' || !input.parameters.some((p) => p.name === entry.name)) return undefined;
      values[entry.name] = entry.value;
    }
    return values;
  } catch {
    return undefined;
  }
}

/** Proceed lets the paused stage finish and the build run on; abort ends the build ABORTED. */
function answerInput(b: FakeJenkinsBuild, input: FakeInput, action: 'proceed' | 'abort', values: Record<string, unknown>, user: string): void {
  input.answer = { action, values };
  const paused = b.stages?.find((s) => s.status === 'PAUSED_PENDING_INPUT');
  if (action === 'proceed') {
    if (paused) paused.status = 'IN_PROGRESS';
    b.console += `Approved by ${user}\n`;
  } else {
    if (paused) paused.status = 'ABORTED';
    b.building = false;
    b.result = 'ABORTED';
    b.console += `Aborted by ${user}\nFinished: ABORTED\n`;
  }
}
