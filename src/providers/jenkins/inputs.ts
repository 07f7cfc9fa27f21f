/**
 * Input steps: a Pipeline build paused on `input` lists it in GET {build}/wfapi/pendingInputActions
 * (Pipeline Stage View plugin: id, message, proceedText, inputs = parameter definitions). The paused
 * stage is an "unblock" step: its form is the input's parameters, and proceeding is one POST to the
 * input step's own action (pipeline-input-step): input/{id}/proceedEmpty without parameters,
 * input/{id}/proceed with `json={"parameter":[{name,value}…]}` otherwise. Aborting is one POST to the
 * entry's abortUrl ({build}/input/{id}/abort, InputStepExecution.doAbort): the build ends ABORTED.
 * Sent once, never retried.
 */
import type { DispatchForm, FormField, FormValues } from '../../core/ci/dispatchForm';
import type { RequestOptions } from '../../core/ci/provider';
import { NotFoundError, ValidationError } from '../../core/errors';
import type { RepoRef } from '../../core/model';
import { asArray, isRecord, str, type JsonRecord } from '../http';
import type { JenkinsClient } from './client';
import { parameterField } from './forms';
import { buildPath } from './reads';

export interface PendingInput {
  readonly id: string;
  readonly message: string;
  readonly proceedText: string;
  readonly fields: readonly FormField[];
  /** Server-absolute path of the input's abort action, context path included ("/jenkins/job/x/7/input/Id/abort"). */
  readonly abortUrl?: string;
}

/** One entry of pendingInputActions; `inputs[].definition` carries the full definition where the plugin exports it. */
export function mapPendingInput(raw: unknown): PendingInput | undefined {
  if (!isRecord(raw)) return undefined;
  const id = str(raw, 'id');
  if (id === undefined) return undefined;
  const definitions = asArray(raw.inputs).filter(isRecord).map((input): JsonRecord => (isRecord(input.definition) ? { ...input, ...input.definition } : input));
  const abortUrl = str(raw, 'abortUrl');
  return {
    id,
    message: str(raw, 'message') ?? id,
    proceedText: str(raw, 'proceedText') ?? 'Proceed',
    fields: definitions.map(parameterField).filter((f): f is FormField => f !== undefined),
    ...(abortUrl !== undefined ? { abortUrl } : {}),
  };
}

/** The inputs the build waits on ([] when none, or without the Pipeline Stage View plugin). */
export async function pendingInputs(client: JenkinsClient, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<readonly PendingInput[]> {
  const answer = await client.request({ path: `${buildPath(repo, runId)}/wfapi/pendingInputActions`, what: `pending inputs of build ${runId} of ${repo.slug}`, signal: options.signal, accept: [404] });
  if (answer.status === 404) return [];
  if (!Array.isArray(answer.body)) throw new ValidationError(`Jenkins pending inputs of build ${runId}: expected a list`);
  return answer.body.map(mapPendingInput).filter((i): i is PendingInput => i !== undefined);
}

export function inputForm(input: PendingInput, path: string): DispatchForm {
  return { path, dispatchable: true, fields: input.fields };
}

/** The `json` form value Jenkins reads the submitted parameters from. */
export function proceedJson(input: PendingInput, values: FormValues): string {
  const parameter = input.fields.filter((f) => values[f.name] !== undefined).map((f) => ({ name: f.name, value: values[f.name] }));
  return JSON.stringify({ parameter });
}

/** The build's first pending input; NotFoundError when it waits for none. */
export async function firstPendingInput(client: JenkinsClient, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<PendingInput> {
  const input = (await pendingInputs(client, repo, runId, options))[0];
  if (input === undefined) throw new NotFoundError(`Build ${runId} of ${repo.slug} is not waiting for input`);
  return input;
}

/**
 * The abort action's path below the server URL `host`: the input's abortUrl when it lies below the
 * server's path and is an input's abort of this build (the credential goes nowhere else), else the
 * path the plugin builds it from, {build}/input/{id}/abort.
 */
export function abortPath(host: string, build: string, input: PendingInput): string {
  const own = `${build}/input/${encodeURIComponent(input.id)}/abort`;
  if (input.abortUrl === undefined) return own;
  const server = new URL(host);
  const url = new URL(input.abortUrl, server);
  const prefix = server.pathname.replace(/\/+$/, '');
  const path = url.pathname.slice(prefix.length);
  const ours = url.origin === server.origin && url.pathname.startsWith(`${prefix}/`) && url.search === '' && path.startsWith(`${build}/input/`) && path.endsWith('/abort');
  return ours ? path : own;
}

/** Aborts the build's first pending input (one POST to its abortUrl): the build ends ABORTED. */
export async function abortInput(client: JenkinsClient, host: string, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<void> {
  const input = await firstPendingInput(client, repo, runId, options);
  await client.request({ method: 'POST', path: abortPath(host, buildPath(repo, runId), input), what: `Abort on "${input.message}" of build ${runId} of ${repo.slug}`, as: 'bytes', signal: options.signal });
}

/** Proceeds the build's first pending input with `values` (one POST). */
export async function proceedInput(client: JenkinsClient, repo: RepoRef, runId: string, values: FormValues, options: RequestOptions = {}): Promise<void> {
  const input = await firstPendingInput(client, repo, runId, options);
  const base = `${buildPath(repo, runId)}/input/${encodeURIComponent(input.id)}`;
  await client.request({
    method: 'POST',
    path: `${base}/${input.fields.length === 0 ? 'proceedEmpty' : 'proceed'}`,
    ...(input.fields.length === 0 ? {} : { query: { json: proceedJson(input, values), proceed: input.proceedText } }),
    what: `${input.proceedText} on "${input.message}" of build ${runId} of ${repo.slug}`,
    as: 'bytes',
    signal: options.signal,
  });
}
