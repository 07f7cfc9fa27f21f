/**
 * What one CI provider gives the conformance suite (suite.ts): its descriptor, and a fake server
 * of its API with seeded data, fault injection and a request log. Each provider implements this
 * in one small `<kind>.harness.ts`; conformance.test.ts lists the harnesses.
 */
import type { CiErrorKind } from '../../../../src/core/errors';
import type { ProviderDescriptor } from '../../../../src/core/ci/descriptor';
import type { AccountConfig, CiProvider } from '../../../../src/core/ci/provider';
import type { RepoRef, RunState } from '../../../../src/core/model';

/** Failure classes a fake must be able to produce on the next request(s). */
export const FAULT_CLASSES = [
  '401', '403', '404', '410', '422', '429', '500', '502', '503',
  /** Status 200 with an HTML page (a proxy or SSO login page). */
  'html200',
  /** Status 200, JSON content type, body cut off in the middle. */
  'truncatedJson',
  /** Status 200, valid JSON of the wrong shape (see WRONG_SHAPE). */
  'wrongShape',
  /** Headers of a 200 and the start of a body, then silence. */
  'stall',
  /** The connection is reset before a complete answer. */
  'reset',
] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];

/**
 * Faults the fault matrix (faultMatrix.ts) produces with its own servers (faultServers.ts), so no
 * harness translates them: a forwarding proxy in front of the fake for the answers, and hosts the
 * suite owns for DNS, refused and TLS. Not FaultClass members, so `inject` never sees them.
 */
export const SUITE_FAULTS = [
  /** Status 200, JSON content type, no body at all. */
  'empty',
  /** The fake's real answer with a 10 MB string value in it (or 10 MB more log text). */
  'huge',
  /** The request is read and never answered. */
  'noAnswer',
  /** Headers of a 200, then silence. */
  'stallHeaders',
  /** The fake's real headers and half its body, then silence. */
  'stallMidBody',
  /** The connection is reset before any answer. */
  'resetBefore',
  /** The fake's real headers and half its body, then a reset. */
  'resetMidBody',
  /** The host name does not resolve. */
  'dns',
  /** Nothing listens on the port. */
  'refused',
  /** The server's certificate is self-signed. */
  'tls',
] as const;
export type SuiteFault = (typeof SUITE_FAULTS)[number];

/** Every row of the fault matrix. */
export const MATRIX_FAULTS = [...FAULT_CLASSES.filter((fault) => fault !== 'stall' && fault !== 'reset'), ...SUITE_FAULTS] as const;
export type MatrixFault = FaultClass | SuiteFault;

export interface FaultOptions {
  /** How many matching requests fail (default 1). */
  readonly times?: number;
  /** Only requests that change something (POST/PUT/DELETE…), so reads a mutation makes first pass. */
  readonly mutationsOnly?: boolean;
  /** For 429: seconds until the limit resets, in the provider's own header (Retry-After, RateLimit-Reset…). */
  readonly resetInSeconds?: number;
}

/** Figures the fake reports in its rate-limit headers (in the provider's own header names). */
export interface RateLimitFigures {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch seconds. */
  readonly resetAtSeconds: number;
}

export interface LoggedRequest {
  readonly method: string;
  /** Path with query as the fake saw it. */
  readonly path: string;
}

export interface SeededJob {
  readonly id: string;
  readonly name: string;
  /** Step names in order, where the provider has steps. */
  readonly steps?: readonly string[];
}

/** What the seeded repository holds; ids as the provider's model uses them. */
export interface Seed {
  /** Every pipeline (workflow) of the repository. */
  readonly pipelineIds: readonly string[];
  /** One pipeline and runs of it, plus a run of another pipeline (or undefined when there is only one). */
  readonly pipelineRuns: { readonly pipelineId: string; readonly runIds: readonly string[]; readonly otherRunId?: string };
  /** A branch other than the default one, every run on it, and a run on another branch. */
  readonly branch: { readonly name: string; readonly runIds: readonly string[]; readonly otherRunId: string };
  /** Total runs of the repository (> 2, so paging by 1 has a second page). */
  readonly runCount: number;
  /** A finished run with its jobs (all of them) and their steps. */
  readonly finishedRun: { readonly id: string; readonly state: RunState; readonly jobs: readonly SeededJob[] };
  readonly runningRun: { readonly id: string };
  readonly log: { readonly jobId: string; readonly contains: string };
  /** Whether jobs of this provider have steps. */
  readonly hasSteps: boolean;
  /** Targets for the mutations of the descriptor's features. */
  readonly targets: MutationTargets;
  /** Required when the descriptor lists 'artifacts' (artifactCases.ts). */
  readonly artifacts?: ArtifactSeed;
}

/** A run with artifacts, for the 'artifacts' feature. */
export interface ArtifactSeed {
  readonly runId: string;
  /** Its downloadable artifacts by name, with the exact bytes a download gives. */
  readonly expect: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  /** An artifact of the run that the CI system lists as expired. */
  readonly expiredName?: string;
  /**
   * Where downloads redirect to a storage host on another origin (GitHub, Buildkite, Azure): the
   * requests that host received so far and whether any credential header (authorization, the
   * provider's token header, cookie) or the token itself arrived with one.
   */
  readonly storageRequests?: () => readonly { readonly path: string; readonly credentials: boolean }[];
}

export interface MutationTargets {
  /** A finished run that can be re-run. */
  readonly finishedRunId: string;
  /** A failed run (re-run failed jobs). */
  readonly failedRunId: string;
  /** A finished job that can be re-run. */
  readonly finishedJobId: string;
  /** A running run that can be cancelled. */
  readonly runningRunId: string;
  readonly runningJobId?: string;
  readonly manualJobId?: string;
  readonly dispatch?: { readonly pipelineId: string | undefined; readonly ref: string; readonly inputs: Readonly<Record<string, string | number | boolean>> };
  /** A run waiting for approval and the ids listPendingDeployments gives for it. */
  readonly approval?: { readonly runId: string; readonly environmentIds: readonly string[] };
}

export interface ProviderOptions {
  /** The token the provider sends; null: none at all. Default: the seeded valid token. */
  readonly token?: string | null;
  /** Per-request timeout; default `FakeHandle.timeoutMs`. */
  readonly timeoutMs?: number;
}

/** One running fake with its seed; a fresh one per test. */
export interface FakeHandle {
  readonly repo: RepoRef;
  readonly account: AccountConfig;
  /** A token the fake accepts, and the login it belongs to. */
  readonly token: string;
  readonly login: string;
  readonly seed: Seed;
  /** Timeout of providers made by createProvider (short, for the stall cases). */
  readonly timeoutMs: number;
  /** Longest a read may take to fail on a stalled server, with the provider's own GET retries. */
  readonly readDeadlineMs: number;
  /** A provider for the fake's account with short timeouts and back-offs (disposed by stop()). */
  createProvider(options?: ProviderOptions): CiProvider;
  /** The next request(s) fail with this class. */
  inject(fault: FaultClass, options?: FaultOptions): void;
  /** Drops the faults not used up yet. */
  clearFaults(): void;
  /** The answers from now on carry these rate-limit figures. */
  reportRateLimit(figures: RateLimitFigures): void;
  /** Requests received so far, in order. */
  requests(): readonly LoggedRequest[];
  clearRequests(): void;
  /** Disposes the providers it made and closes the fake. */
  stop(): Promise<void>;
}

export interface ConformanceHarness {
  /** The folder under src/providers/. */
  readonly kind: string;
  readonly descriptor: ProviderDescriptor;
  start(): Promise<FakeHandle>;
  /**
   * Suite cases this provider fails today because of a product defect, by case title, with the
   * issue that tracks it: they run as it.skip and are listed in the report. Never for a harness gap.
   */
  readonly knownDefects?: Readonly<Record<string, string>>;
  /**
   * Fault-matrix cells where the provider's API documents another outcome than the matrix's
   * default, by cell ("test report × 404"), with the documentation's reason. Not for defects.
   */
  readonly matrixExpected?: Readonly<Record<string, { readonly kind: 'success' | CiErrorKind; readonly why: string }>>;
}

/** A fault as an HTTP answer, for a harness to translate into its fake's fault rule. */
export interface FaultReply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body. */
  readonly json?: unknown;
  /** Raw body (wins over `json`) and its content type. */
  readonly text?: string;
  readonly contentType?: string;
  /** Headers and part of a body, then silence. */
  readonly stall?: boolean;
  /** Reset the connection. */
  readonly drop?: boolean;
}

const HTML_PAGE = '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login">Single sign-on</form></body></html>';
/** Starts like a listing, then stops mid-object. */
const CUT_OFF_JSON = '[{"id": 1, "status": "succ';
/** Valid JSON that no listing endpoint of any provider answers: an object where lists are expected, without the expected keys. */
const WRONG_SHAPE = { unexpected: 'shape', data: null };

/** The answer for a fault class; `retryHeaders` says when a 429 ends in the provider's own header (default Retry-After). */
export function faultReply(
  fault: FaultClass,
  options: FaultOptions = {},
  retryHeaders: (seconds: number) => Record<string, string> = (seconds) => ({ 'retry-after': String(seconds) }),
): FaultReply {
  switch (fault) {
    case '429':
      return { status: 429, headers: retryHeaders(options.resetInSeconds ?? 60) };
    case 'html200':
      return { status: 200, text: HTML_PAGE, contentType: 'text/html; charset=utf-8' };
    case 'truncatedJson':
      return { status: 200, text: CUT_OFF_JSON, contentType: 'application/json; charset=utf-8' };
    case 'wrongShape':
      return { status: 200, json: WRONG_SHAPE };
    case 'stall':
      return { stall: true };
    case 'reset':
      return { drop: true };
    default:
      return { status: Number(fault) };
  }
}

/** True for the methods that change something on the server. */
export function isMutation(request: LoggedRequest): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD';
}
