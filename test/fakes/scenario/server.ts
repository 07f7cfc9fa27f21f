/**
 * The moving scenario served over HTTP: the shared fake GitHub (test/fakes/github) whose
 * state follows the timeline (timeline.ts) as the scenario clock runs, behind a
 * small front server that
 *  - forwards every API request to the fake and records it (method, path,
 *    Authorization) so tests can see what the extension asked for and when;
 *  - answers the control endpoints:
 *      GET  /__scenario                 time, speed, length, every run's state and the mutations
 *      POST /__scenario/advance         {"seconds": n} or {"toEnd": true}
 *      POST /__scenario/speed           {"speed": n}   (0 pauses)
 *      GET  /__scenario/requests?since=n  recorded requests with seq > n
 *      POST /__scenario/fault           {"status": n} or {"html": true}, "times": n: a gateway fault (gatewayFault.ts)
 *      GET  /__scenario/storage         requests the artifact blob storage (another origin) received, with `credentials`
 *      POST /__scenario/status          {"context": "ci/integration", "state": "success"}: a commit status of the demo pull request
 * The extension's flowforge.github.apiUrl points at `url`.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { FakeMutation } from '../github/state';
import { ScenarioClock } from './clock';
import { GatewayFault } from './gatewayFault';
import { applySnapshot, setCommitStatus, startBackend, type ScenarioBackend } from './backend';
import { scenarioLength, snapshotAt, type ScenarioDefinition, type ScenarioSnapshot } from './timeline';

export interface ScenarioServerOptions {
  /** Defaults to test/fixtures/scenario/demo.json. */
  readonly definition?: ScenarioDefinition;
  readonly file?: string;
  /** Scenario seconds per real second; 0 = paused until advanced. Default 1. */
  readonly speed?: number;
  /** Scenario time at start. Default 0. */
  readonly start?: number;
  /** Repeat the live runs every definition.loopSeconds (the demo). */
  readonly loop?: boolean;
  readonly port?: number;
  /** How often the fake's state follows the clock. Default 500 ms. */
  readonly tickMs?: number;
}

export interface RecordedRequest {
  readonly seq: number;
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly auth: string | null;
}

export interface ScenarioServer {
  readonly url: string;
  readonly definition: ScenarioDefinition;
  readonly clock: ScenarioClock;
  readonly length: number;
  readonly requests: readonly RecordedRequest[];
  /** What dispatch / re-run / cancel / review requests asked the fake for (kind, repo, target id, JSON body). */
  readonly mutations: readonly FakeMutation[];
  snapshot(): ScenarioSnapshot;
  advance(seconds: number): void;
  advanceToEnd(): void;
  close(): Promise<void>;
}

/** Repository root, from out/test/fakes/scenario or test/fakes/scenario. */
function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      readFileSync(path.join(dir, 'package.json'));
      return dir;
    } catch {
      dir = path.dirname(dir);
    }
  }
  return process.cwd();
}

export function loadDefinition(file = path.join(repoRoot(), 'test', 'fixtures', 'scenario', 'demo.json')): ScenarioDefinition {
  return JSON.parse(readFileSync(file, 'utf8')) as ScenarioDefinition;
}

export async function startScenarioServer(options: ScenarioServerOptions = {}): Promise<ScenarioServer> {
  const definition = options.definition ?? loadDefinition(options.file);
  const clock = new ScenarioClock({ start: options.start ?? 0, speed: options.speed ?? 1 });
  const loop = options.loop ?? false;
  const length = scenarioLength(definition);
  let current = snapshotAt(definition, clock.now(), { loop });
  const backend: ScenarioBackend = await startBackend(definition, current, clock);

  const sync = (): void => {
    current = snapshotAt(definition, clock.now(), { loop });
    applySnapshot(backend, current, clock);
  };
  const timer = setInterval(sync, options.tickMs ?? 500);
  timer.unref();

  const requests: RecordedRequest[] = [];
  let seq = 0;
  const gateway = new GatewayFault();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/__scenario' || url.pathname.startsWith('/__scenario/')) {
      void control(req, res, url);
      return;
    }
    const faulted = gateway.answer(req, res);
    if (faulted !== undefined) {
      requests.push({ seq: ++seq, at: Date.now(), method: req.method ?? 'GET', path: req.url ?? '/', status: faulted, auth: req.headers.authorization ?? null });
      return;
    }
    sync();
    const upstream = new URL(req.url ?? '/', backend.url);
    const headers = { ...req.headers, host: upstream.host };
    const proxied = http.request(upstream, { method: req.method, headers }, (up) => {
      requests.push({ seq: ++seq, at: Date.now(), method: req.method ?? 'GET', path: req.url ?? '/', status: up.statusCode ?? 0, auth: req.headers.authorization ?? null });
      if (requests.length > 5000) requests.splice(0, requests.length - 5000);
      // Location headers etc. point at the fake: rewrite them to this server.
      const out: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(up.headers)) {
        out[k] = typeof v === 'string' ? v.split(backend.url).join(self()) : v;
      }
      const type = String(up.headers['content-type'] ?? '');
      if (type.includes('json') || type.startsWith('text/')) {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8').split(backend.url).join(self());
          delete out['content-length'];
          delete out['transfer-encoding'];
          res.writeHead(up.statusCode ?? 502, { ...out, 'content-length': Buffer.byteLength(body) });
          res.end(body);
        });
      } else {
        res.writeHead(up.statusCode ?? 502, out);
        up.pipe(res);
      }
    });
    proxied.on('error', (err) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `scenario proxy: ${err.message}` }));
    });
    req.pipe(proxied);
  });

  async function control(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const body = req.method === 'POST' ? await readJson(req) : {};
      const action = url.pathname.slice('/__scenario'.length);
      if (action === '' || action === '/') {
        sync();
        return reply(200, describe());
      }
      if (action === '/advance' && req.method === 'POST') {
        if (body['toEnd'] === true) api.advanceToEnd();
        else api.advance(Number(body['seconds'] ?? 0));
        return reply(200, describe());
      }
      if (action === '/speed' && req.method === 'POST') {
        clock.setSpeed(Number(body['speed'] ?? 1));
        return reply(200, describe());
      }
      if (action === '/fault' && req.method === 'POST') {
        gateway.set(body);
        return reply(200, { armed: body });
      }
      if (action === '/storage') {
        return reply(200, backend.fake.storage.credentialsSeen());
      }
      if (action === '/status' && req.method === 'POST') {
        const state = typeof body['state'] === 'string' ? body['state'] : '';
        const context = typeof body['context'] === 'string' ? body['context'] : '';
        if (state !== 'error' && state !== 'failure' && state !== 'pending' && state !== 'success') return reply(400, { message: `unknown status state ${state}` });
        return setCommitStatus(backend, context, state) ? reply(200, { context, state }) : reply(404, { message: `no commit status ${context}` });
      }
      if (action === '/requests') {
        const since = Number(url.searchParams.get('since') ?? 0);
        return reply(200, requests.filter((r) => r.seq > since));
      }
      return reply(404, { message: `unknown scenario endpoint ${req.method} ${url.pathname}` });
    } catch (err) {
      return reply(400, { message: err instanceof Error ? err.message : String(err) });
    }
  }

  function describe(): unknown {
    return {
      time: current.time,
      speed: clock.speed,
      length,
      login: definition.login,
      demo: definition.demo,
      repositories: current.repositories.map((r) => ({
        fullName: r.fullName,
        workflows: r.workflows.map((w) => w.name),
        runs: r.runs.map((run) => ({ id: run.id, number: run.number, workflowId: run.workflowId, title: run.title, branch: run.branch, status: run.status, conclusion: run.conclusion })),
      })),
      mutations: backend.fake.state.mutations,
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const self = (): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: ScenarioServer = {
    url: self(),
    definition,
    clock,
    length,
    requests,
    mutations: backend.fake.state.mutations,
    snapshot: () => current,
    advance(seconds: number) {
      clock.advance(seconds);
      sync();
    },
    advanceToEnd() {
      // Past the end of the current cycle: every live run started so far completes.
      const now = clock.now();
      const target = loop && definition.loopSeconds > 0 ? Math.floor(now / definition.loopSeconds) * definition.loopSeconds + length + 1 : Math.max(now, length + 1);
      clock.set(Math.max(now, target));
      sync();
    },
    async close() {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
  return api;
}

function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { text += c; });
    req.on('end', () => {
      try {
        resolve(text.trim() ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    req.on('error', reject);
  });
}
