/**
 * Job logs: GET /v2/organizations/{org}/jobs/{id}/log as text/plain. Buildkite has no byte-offset
 * reads, but it answers HEAD with the log's size and suffix ranges (Range: bytes=-N) with 206:
 * a live tail asks the size, then only the bytes after `offset`. A server that ignores the range
 * (200) is sliced locally. `complete` comes from the job's state, read before the log.
 */
import { isActive } from '../../core/model';
import type { RequestOptions } from '../../core/ci/provider';
import type { LogChunk } from '../../core/ci/operations';
import { completeUtf8Length, requireRecord, str } from '../http';
import type { BuildkiteClient } from './client';
import { mapJobState } from './states';
import { jobPath } from './urls';

export async function getJobLog(client: BuildkiteClient, slug: string, jobId: string, offset: number, options: RequestOptions = {}): Promise<LogChunk> {
  const start = Math.max(0, Math.floor(offset));
  const path = jobPath(slug, jobId);
  const what = `log of job ${jobId} of ${slug}`;
  const job = requireRecord((await client.request(slug, { path, what: `job ${jobId} of ${slug}`, signal: options.signal })).body, `Buildkite job ${jobId}`);
  const complete = !isActive(mapJobState(str(job, 'state'), false));
  let fresh: Uint8Array;
  let base = start;
  if (start === 0) {
    fresh = (await client.request(slug, { path: `${path}/log`, what, signal: options.signal, headers: { accept: 'text/plain' }, as: 'bytes' })).bytes;
  } else {
    const head = await client.request(slug, { method: 'HEAD', path: `${path}/log`, what, signal: options.signal, headers: { accept: 'text/plain' }, as: 'bytes' });
    const size = Number(head.headers.get('content-length') ?? NaN);
    if (Number.isFinite(size) && size <= start) {
      return { text: '', nextOffset: start, complete };
    }
    const tail = await client.request(slug, {
      path: `${path}/log`,
      what,
      signal: options.signal,
      headers: { accept: 'text/plain', ...(Number.isFinite(size) ? { range: `bytes=-${size - start}` } : {}) },
      accept: [416],
      as: 'bytes',
    });
    if (tail.status === 416) {
      return { text: '', nextOffset: start, complete };
    }
    const range = tail.status === 206 ? /bytes\s+(\d+)-/.exec(tail.headers.get('content-range') ?? '') : null;
    const rangeStart = range?.[1] !== undefined ? Number(range[1]) : 0;
    // Drop whatever the answer holds before `offset` (a 200 with the whole log, or a wider range).
    fresh = tail.bytes.subarray(Math.max(0, Math.min(tail.bytes.length, start - rangeStart)));
    base = Math.max(start, rangeStart);
  }
  // Hold back a multi-byte character cut in half while the log grows; it comes whole next time.
  const usable = complete ? fresh.length : completeUtf8Length(fresh);
  return { text: new TextDecoder().decode(fresh.subarray(0, usable)), nextOffset: base + usable, complete };
}
