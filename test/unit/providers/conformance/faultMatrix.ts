/**
 * The fault matrix: every fault of MATRIX_FAULTS × every operation the provider has (the two
 * polls, jobs, the log, the test report where the feature exists, each mutation of the
 * descriptor's features). Per cell: the typed error and the words the user sees, the last good
 * data kept and marked stale (polls), the requests sent (a mutation exactly one), the time to the
 * error, and no credential in any text that leaves the provider. Prints the matrix as a table.
 * Each cell is a case (`matrix: <operation> × <fault>`), so a harness can list known defects.
 */
import assert from 'node:assert/strict';
import type { CiProvider } from '../../../../src/core/ci/provider';
import { isCiError, type CiErrorKind } from '../../../../src/core/errors';
import { applyBackground, applyFull, applyProblem, emptySnapshot, problemOf } from '../../../../src/core/sync/applyPoll';
import { fetchBackground, fetchFull } from '../../../../src/core/sync/fetchRepo';
import type { RepoSnapshot } from '../../../../src/core/sync/types';
import { caseIt, settleWithin, type CaseContext } from './context';
import { MUTATIONS } from './features';
import { closedPortOrigin, FaultProxy, routeFetch, UNRESOLVABLE_ORIGIN, UntrustedTlsServer, type ProxyFault } from './faultServers';
import { MATRIX_FAULTS, type FakeHandle, type MatrixFault } from './harness';

const ALWAYS = 50;
/** Headroom over a deadline for event-loop and scheduling noise on a busy machine. */
const SLACK_MS = 1500;
const HUGE_TIMEOUT_MS = 10_000;

type OperationKind = 'poll' | 'read' | 'mutation';

interface Operation {
  readonly name: string;
  readonly kind: OperationKind;
  /** Runs it; for polls, applies the answer (or the failure) to `snapshot` as the sync service does. */
  run(provider: CiProvider, fake: FakeHandle, snapshot: RepoSnapshot | undefined): Promise<unknown>;
}

/** What a cell must end in: an error of this kind whose message matches, or a success. */
interface Expected {
  readonly kind: CiErrorKind | 'success' | 'either';
  readonly words?: RegExp;
}

const TIMED_OUT: Expected = { kind: 'network', words: /did not answer|timed out/i };
const BAD_BODY = /HTML|JSON|shape|expected|empty|unexpected/i;

const READ_EXPECTED: Readonly<Record<MatrixFault, Expected>> = {
  '401': { kind: 'auth', words: /rejected the token|sign in/i },
  '403': { kind: 'forbidden', words: /denied|forbidden/i },
  '404': { kind: 'not_found', words: /not found/i },
  '410': { kind: 'gone', words: /gone|no longer available/i },
  '422': { kind: 'validation', words: /gateway|rejected/i },
  '429': { kind: 'rate_limit', words: /rate limit/i },
  '500': { kind: 'server', words: /server error.*500/i },
  '502': { kind: 'server', words: /server error.*502/i },
  '503': { kind: 'server', words: /server error.*503/i },
  html200: { kind: 'server', words: /HTML/i },
  truncatedJson: { kind: 'server', words: BAD_BODY },
  wrongShape: { kind: 'server', words: BAD_BODY },
  stall: TIMED_OUT,
  reset: { kind: 'network', words: /reset|reach/i },
  empty: { kind: 'server', words: BAD_BODY },
  huge: { kind: 'success' },
  noAnswer: TIMED_OUT,
  stallHeaders: TIMED_OUT,
  stallMidBody: TIMED_OUT,
  resetBefore: { kind: 'network', words: /reset|reach/i },
  // A reset after half the body may surface as the timeout of the exchange that waits for the rest.
  resetMidBody: { kind: 'network', words: /reset|reach|timed out/i },
  dns: { kind: 'network', words: /could not be resolved/i },
  refused: { kind: 'network', words: /refused/i },
  tls: { kind: 'network', words: /certificate/i },
};

/** A log is text: JSON of any shape, or nothing yet, is a log; a cut or stalled download is not. */
const LOG_TEXT_FAULTS: ReadonlySet<MatrixFault> = new Set(['truncatedJson', 'wrongShape', 'empty']);
/** Answers to a write whose body the provider may rightly not read (201/204 without a body). */
const WRITE_BODY_FAULTS: ReadonlySet<MatrixFault> = new Set(['html200', 'truncatedJson', 'wrongShape', 'empty', 'huge']);

function expectedFor(operation: Operation, fault: MatrixFault): Expected {
  if (operation.kind === 'mutation' && WRITE_BODY_FAULTS.has(fault)) {
    return { kind: 'either' };
  }
  if (operation.name === 'log' && LOG_TEXT_FAULTS.has(fault)) {
    return { kind: 'either' };
  }
  return READ_EXPECTED[fault];
}

function runIds(runs: readonly { readonly id: string }[]): string[] {
  return runs.map((run) => run.id);
}

function operations(c: CaseContext): Operation[] {
  const ops: Operation[] = [
    {
      name: 'list runs',
      kind: 'poll',
      async run(provider, fake, snapshot) {
        const base = snapshot ?? emptySnapshot(fake.repo, undefined);
        const request = { repo: fake.repo, pageSize: 20, needRepository: false, needPipelines: true, knownPipelineIds: new Set<string>(), signal: new AbortController().signal };
        return fetchFull(provider, request).then((data) => applyFull(base, data, Date.now()), (error: unknown) => failPoll(base, snapshot, error));
      },
    },
    {
      name: 'branch runs',
      kind: 'poll',
      async run(provider, fake, snapshot) {
        const branch = fake.seed.branch.name;
        const base = snapshot ?? emptySnapshot(fake.repo, branch);
        if (snapshot === undefined) {
          const request = { repo: fake.repo, pageSize: 20, branch, needRepository: false, needPipelines: false, knownPipelineIds: new Set<string>(), signal: new AbortController().signal };
          return applyFull(base, await fetchFull(provider, request), Date.now());
        }
        return fetchBackground(provider, fake.repo, branch, 20, new AbortController().signal).then((data) => applyBackground(base, data, Date.now()), (error: unknown) => failPoll(base, snapshot, error));
      },
    },
    { name: 'jobs', kind: 'read', run: (provider, fake) => provider.listJobs(fake.repo, fake.seed.finishedRun.id) },
    { name: 'log', kind: 'read', run: (provider, fake) => required(provider.getJobLog?.(fake.repo, fake.seed.log.jobId, 0), 'getJobLog') },
  ];
  if (c.harness.descriptor.features.has('testReports')) {
    ops.push({ name: 'test report', kind: 'read', run: (provider, fake) => required(provider.getTestReport?.(fake.repo, fake.seed.finishedRun.id), 'getTestReport') });
  }
  for (const feature of c.harness.descriptor.features) {
    const call = MUTATIONS[feature];
    if (call !== undefined) {
      ops.push({ name: feature, kind: 'mutation', run: (provider, fake) => required(call(provider, fake.repo, fake.seed.targets), feature) });
    }
  }
  return ops;
}

function required<T>(pending: Promise<T> | undefined, what: string): Promise<T> {
  return pending ?? Promise.reject(new Error(`the provider has no ${what}`));
}

/** A failed poll after a good one: the sync service's transition; the first poll must succeed. */
function failPoll(base: RepoSnapshot, snapshot: RepoSnapshot | undefined, error: unknown): RepoSnapshot {
  if (snapshot === undefined) {
    throw error;
  }
  return applyProblem(base, problemOf(error));
}

/** Texts that leave the provider on this outcome. */
function textsOf(outcome: unknown): string[] {
  if (outcome instanceof Error) {
    return [outcome.message, String(outcome), outcome.stack ?? ''];
  }
  return [JSON.stringify(outcome) ?? ''];
}

interface SharedServers {
  tls: UntrustedTlsServer;
  refused: string;
  /** The origin requests for the current fake go to. */
  route: { from: string; to: string } | undefined;
  /** Requests the provider sent to the fake's origin (wherever they were routed). */
  routed?: number;
}

interface CellRecord {
  readonly passed: boolean;
  readonly note: string;
}

export function faultMatrix(c: CaseContext): void {
  const ops = operations(c);
  const results = new Map<string, CellRecord>();
  const shared: Partial<SharedServers> & { route?: SharedServers['route'] } = {};
  let restore: (() => void) | undefined;

  before(async () => {
    shared.tls = await new UntrustedTlsServer().start();
    shared.refused = await closedPortOrigin();
    restore = routeFetch((origin) => {
      if (shared.route === undefined || origin !== shared.route.from) {
        return undefined;
      }
      shared.routed = (shared.routed ?? 0) + 1;
      return shared.route.to;
    });
  });
  after(async () => {
    restore?.();
    await shared.tls?.close();
    printMatrix(c.harness.kind, ops, results);
  });

  for (const fault of MATRIX_FAULTS) {
    for (const operation of ops) {
      const title = `matrix: ${operation.name} × ${fault}`;
      caseIt(c, title, async () => {
        try {
          const note = await runCell(c, shared as SharedServers, operation, fault);
          results.set(`${operation.name}|${fault}`, { passed: true, note });
        } catch (error) {
          results.set(`${operation.name}|${fault}`, { passed: false, note: 'FAIL' });
          throw error;
        }
      });
    }
  }
}

function proxyFault(fault: MatrixFault): ProxyFault | undefined {
  if (/^\d+$/.test(fault)) {
    return fault === '429' ? undefined : { kind: 'status', status: Number(fault) };
  }
  switch (fault) {
    case 'html200': case 'truncatedJson': case 'wrongShape': case 'empty': case 'huge':
    case 'noAnswer': case 'stallHeaders': case 'stallMidBody': case 'resetBefore': case 'resetMidBody':
      return { kind: fault };
    default:
      return undefined;
  }
}

async function runCell(c: CaseContext, shared: SharedServers, operation: Operation, fault: MatrixFault): Promise<string> {
  const fake = c.fake;
  const from = new URL(fake.account.apiUrl).origin;
  const proxy = await new FaultProxy(new URL(fake.account.apiUrl)).start();
  shared.route = { from, to: proxy.origin };
  try {
    // 10 MB over loopback is no stall: that cell gets a timeout long enough to read it.
    const provider = fault === 'huge' ? fake.createProvider({ timeoutMs: HUGE_TIMEOUT_MS }) : c.provider;
    const mutation = operation.kind === 'mutation';
    // The last good data (reads); a mutation is sent once only, under the fault.
    // (Once more when the machine was too busy for the short timeout: the good read is no cell.)
    const good = mutation ? undefined : await operation.run(provider, fake, undefined).catch(() => operation.run(provider, fake, undefined));
    const baseline = proxy.requests().length;
    assert.ok(mutation || baseline > 0, `the provider's requests for ${fake.account.apiUrl} reach the suite's proxy (does the harness pass its own fetch?)`);
    proxy.clearRequests();
    const tlsBefore = shared.tls.connections;
    shared.routed = 0;

    const armed = proxyFault(fault);
    if (armed !== undefined) {
      proxy.arm(armed, { writesOnly: mutation });
    } else if (fault === '429') {
      fake.inject('429', { times: ALWAYS, mutationsOnly: mutation, resetInSeconds: 90 });
    } else if (fault === 'dns' || fault === 'refused' || fault === 'tls') {
      // Reads go there; a mutation's own reads (if any) would too, which is the point: nothing reaches the host.
      shared.route = { from, to: fault === 'dns' ? UNRESOLVABLE_ORIGIN : fault === 'refused' ? shared.refused : shared.tls.origin };
    }

    const deadline = fault === 'huge' ? 3 * HUGE_TIMEOUT_MS : (mutation ? fake.timeoutMs : fake.readDeadlineMs) + SLACK_MS;
    const started = Date.now();
    const settled = await settleWithin(Promise.resolve(operation.run(provider, fake, good as RepoSnapshot | undefined)), deadline + 5000);
    const elapsed = Date.now() - started;
    if (settled === 'timeout') {
      assert.fail(`${operation.name} did not settle within ${deadline + 5000} ms`);
    }
    assert.ok(elapsed <= deadline, `settled after ${elapsed} ms, bound ${deadline} ms`);
    const outcome = 'error' in settled ? settled.error : settled.value;
    const sent = fault === 'tls' ? shared.tls.connections - tlsBefore : proxy.requests().length;
    const unasked = (shared.routed ?? 0) === 0;
    // A read answered from the provider's own cache, without a request, has nothing to fail.
    const documented = c.harness.matrixExpected?.[`${operation.name} × ${fault}`];
    const expected: Expected = unasked && !mutation ? { kind: 'either' } : documented ? { kind: documented.kind } : expectedFor(operation, fault);

    const error = operation.kind === 'poll' ? (outcome as RepoSnapshot).problem : 'error' in settled ? settled.error : undefined;
    const kind = error === undefined ? 'success' : isCiError(error) || 'kind' in (error as object) ? (error as { kind: CiErrorKind }).kind : 'untyped';
    const message = error === undefined ? '' : (error as { message: string }).message;
    if (expected.kind !== 'either') {
      assert.equal(kind, expected.kind, `${operation.name} under ${fault}: ${kind} (${message.slice(0, 300)})`);
      if (expected.words) {
        assert.match(message, expected.words, `the words the user sees: ${message.slice(0, 300)}`);
      }
    } else if (error !== undefined) {
      assert.ok(kind !== 'untyped', `a typed error, got ${message}`);
    }

    if (operation.kind === 'poll') {
      const before = good as RepoSnapshot;
      const after = outcome as RepoSnapshot;
      assert.deepEqual(runIds(after.recentRuns), runIds(before.recentRuns), 'the last good runs are kept');
      assert.deepEqual(runIds(after.branchRuns), runIds(before.branchRuns), 'the last good branch runs are kept');
      assert.equal(after.stale, after.problem !== undefined, 'stale marker with the problem');
      assert.equal(after.stale, expected.kind !== 'success' && expected.kind !== 'either' ? true : after.stale, 'stale after a failed poll');
    }

    const writes = proxy.requests().filter((request) => request.method !== 'GET' && request.method !== 'HEAD').length;
    if (mutation && fault !== 'dns' && fault !== 'refused') {
      assert.equal(fault === 'tls' ? Math.min(sent, 1) : writes, 1, `a mutation is sent exactly once: ${proxy.requests().map((r) => `${r.method} ${r.path}`).join(', ')}`);
    } else if (!mutation && fault !== 'dns' && fault !== 'refused') {
      assert.ok(sent <= 3 * Math.max(baseline, 1), `${sent} requests (baseline ${baseline})`);
    }

    const secrets = [fake.token, ...credentialValues(proxy)];
    for (const text of textsOf(error ?? outcome)) {
      for (const secret of secrets) {
        assert.ok(!text.includes(secret), `a credential in what leaves the provider: ${text.slice(0, 200)}`);
      }
    }
    return `${kind === 'success' ? 'ok' : kind} ${fault === 'dns' || fault === 'refused' ? '-' : sent}/${elapsed}ms`;
  } finally {
    shared.route = undefined;
    await proxy.close();
  }
}

/** The credentials the provider sent (scheme words dropped), from the proxy's view. */
function credentialValues(proxy: FaultProxy): string[] {
  return proxy.credentials().flatMap((value) => value.split(/\s+/).filter((part) => part.length >= 8));
}

function printMatrix(kind: string, ops: readonly Operation[], results: ReadonlyMap<string, CellRecord>): void {
  const header = ['fault', ...ops.map((op) => op.name)];
  const rows = MATRIX_FAULTS.map((fault) => [fault, ...ops.map((op) => {
    const record = results.get(`${op.name}|${fault}`);
    return record === undefined ? 'skip' : record.passed ? 'ok' : 'FAIL';
  })]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const all = [...results.values()];
  const passed = all.filter((record) => record.passed).length;
  const total = MATRIX_FAULTS.length * ops.length;
  process.stdout.write(
    [
      '',
      `fault matrix: ${kind} (${MATRIX_FAULTS.length} faults × ${ops.length} operations)`,
      line(header),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map(line),
      `fault matrix ${kind}: ${total} cells, ${passed} passed, ${all.length - passed} failed, ${total - all.length} skipped`,
      '',
    ].join('\n') + '\n',
  );
}
