/**
 * Step logs: GET …/pipelines/{pipeline}/steps/{step}/log, the raw log. The endpoint honours HTTP
 * Range (the description encourages it): a live tail asks `Range: bytes=<offset>-` and gets 206
 * with only the new bytes, 416 when nothing was added; a server that ignores the range (200 with
 * the whole log) is sliced locally. A step without a log yet (404 before it starts) is an empty,
 * unfinished log. `complete` comes from the step's state, read before the log.
 */
import { isActive } from '../../core/model';
import type { RequestOptions } from '../../core/ci/provider';
import type { LogChunk } from '../../core/ci/operations';
import { completeUtf8Length, requireRecord, child } from '../http';
import type { BitbucketClient } from './client';
import { mapState } from './states';
import { splitJobId, stepPath } from './urls';

export async function getStepLog(client: BitbucketClient, slug: string, jobId: string, offset: number, options: RequestOptions = {}): Promise<LogChunk> {
  const start = Math.max(0, Math.floor(offset));
  const { pipelineUuid, stepUuid } = splitJobId(jobId);
  const path = stepPath(slug, pipelineUuid, stepUuid);
  const step = requireRecord((await client.request({ path, what: `step ${stepUuid} of ${slug}`, signal: options.signal })).body, `Bitbucket step ${stepUuid}`, ['uuid']);
  const complete = !isActive(mapState(child(step, 'state')).state);
  const answer = await client.request({
    path: `${path}/log`,
    what: `log of step ${stepUuid} of ${slug}`,
    signal: options.signal,
    headers: { accept: 'application/octet-stream, text/plain', ...(start > 0 ? { range: `bytes=${start}-` } : {}) },
    accept: [404, 416],
    as: 'bytes',
  });
  if (answer.status === 404 || answer.status === 416) {
    // No log yet, or nothing after `offset` (416: the range starts at or past the end).
    return { text: '', nextOffset: start, complete };
  }
  const range = answer.status === 206 ? /bytes\s+(\d+)-/.exec(answer.headers.get('content-range') ?? '') : null;
  const rangeStart = range?.[1] !== undefined ? Number(range[1]) : 0;
  // Drop whatever the answer holds before `offset` (a 200 with the whole log, or a wider range).
  const fresh = answer.bytes.subarray(Math.max(0, Math.min(answer.bytes.length, start - rangeStart)));
  const base = Math.max(start, rangeStart);
  // Hold back a multi-byte character cut in half while the log grows; it comes whole next time.
  const usable = complete ? fresh.length : completeUtf8Length(fresh);
  return { text: new TextDecoder().decode(fresh.subarray(0, usable)), nextOffset: base + usable, complete };
}
