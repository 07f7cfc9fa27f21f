/**
 * Incremental job traces: GET /jobs/:id/trace with `Range: bytes=<offset>-`.
 * 206 -> only the new bytes; 200 -> the whole trace (sliced locally); 416 -> nothing new.
 */
import { isActive } from '../../core/model';
import type { RequestOptions } from '../../core/ci/provider';
import type { LogChunk } from '../../core/ci/operations';
import type { GitLabHttp } from './http';
import { asRecord, completeUtf8Length, str } from '../http';
import { mapGitLabState } from './mapping';

export async function getJobLog(
  http: GitLabHttp,
  project: string,
  slug: string,
  jobId: string,
  offset: number,
  options: RequestOptions = {},
): Promise<LogChunk> {
  const start = Math.max(0, Math.floor(offset));
  const jobPath = `/projects/${project}/jobs/${encodeURIComponent(jobId)}`;
  // Status first: if the job had finished before we read the trace, the trace is complete.
  const job = await http.request({ path: jobPath, what: `job ${jobId} of ${slug}`, signal: options.signal });
  const complete = !isActive(mapGitLabState(str(asRecord(job.body), 'status')));

  const trace = await http.request({
    path: `${jobPath}/trace`,
    what: `log of job ${jobId} of ${slug}`,
    signal: options.signal,
    headers: start > 0 ? { range: `bytes=${start}-` } : {},
    accept: [416],
    as: 'bytes',
  });
  if (trace.status === 416) {
    return { text: '', nextOffset: start, complete };
  }
  const all = trace.bytes;
  let fresh: Uint8Array;
  let base: number;
  if (trace.status === 206) {
    const range = /bytes\s+(\d+)-/.exec(trace.headers.get('content-range') ?? '');
    base = range?.[1] !== undefined ? Number(range[1]) : start;
    fresh = all.subarray(Math.max(0, start - base));
    base = Math.max(base, start);
  } else {
    fresh = all.subarray(Math.min(start, all.length));
    base = Math.min(start, all.length);
  }
  // Hold back a multi-byte character cut in half; it comes whole next time.
  const usable = complete ? fresh.length : completeUtf8Length(fresh);
  return {
    text: new TextDecoder().decode(fresh.subarray(0, usable)),
    nextOffset: base + usable,
    complete,
  };
}
