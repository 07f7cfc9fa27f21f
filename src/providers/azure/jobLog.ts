/**
 * Job logs. A finished job's log is its timeline record's log, read once. A running job's log is
 * the logs of its tasks in order, each read by line range (`logs/{id}?startLine=`): a poll asks the
 * timeline for what changed and only the lines after those already read, of the tasks not finished
 * when last read. The offset FlowForge passes back is a byte offset; the lines read per task log are
 * remembered under it, and an offset not remembered (a new session) reads the logs whole and skips
 * the bytes already shown.
 */
import { NotFoundError } from '../../core/errors';
import { Lru } from '../../core/lru';
import type { RepoRef } from '../../core/model';
import type { RequestOptions } from '../../core/ci/provider';
import type { LogChunk } from '../../core/ci/operations';
import type { AzureClient } from './client';
import { splitJobId, tasksOf } from './mapping';
import type { AzureReads } from './reads';
import { buildPath } from './urls';

interface Part {
  /** Lines of this task log read so far. */
  readonly lines: number;
  /** Read after the task had finished: nothing more will come. */
  readonly final: boolean;
}

function lineCount(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

const terminated = (text: string): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`);

export class AzureJobLogs {
  /** What was read of each task log, by job and the byte offset handed out. */
  private readonly tails = new Lru<string, ReadonlyMap<number, Part>>(200);

  constructor(
    private readonly client: AzureClient,
    private readonly reads: AzureReads,
  ) {}

  async read(repo: RepoRef, jobId: string, offset: number, options: RequestOptions = {}): Promise<LogChunk> {
    const { buildId, recordId } = splitJobId(jobId);
    const records = await this.reads.timeline(repo, buildId, options.signal);
    const job = records.get(recordId);
    if (job === undefined || job.type !== 'Job') {
      throw new NotFoundError(`Azure DevOps: no job ${recordId} in build ${buildId} of ${repo.slug}`);
    }
    const complete = job.state === 'completed';
    const start = Math.max(0, Math.floor(offset));
    if (start === 0 && complete && job.logId !== undefined) {
      const text = terminated(await this.lines(repo, buildId, job.logId, undefined, options.signal));
      return { text, nextOffset: Buffer.byteLength(text), complete: true };
    }
    const known = start === 0 ? new Map<number, Part>() : this.tails.get(`${repo.slug}|${jobId}|${start}`);
    const parts = new Map(known ?? []);
    let text = '';
    for (const task of tasksOf(records, recordId)) {
      const part = task.logId === undefined ? undefined : (parts.get(task.logId) ?? { lines: 0, final: false });
      if (task.logId === undefined || part === undefined || part.final) continue;
      const fresh = terminated(await this.lines(repo, buildId, task.logId, part.lines + 1, options.signal));
      text += fresh;
      parts.set(task.logId, { lines: part.lines + lineCount(fresh), final: task.state === 'completed' });
    }
    let nextOffset = start + Buffer.byteLength(text);
    if (known === undefined) {
      // An offset this session did not hand out: everything was read; keep only what lies after it.
      const bytes = Buffer.from(text, 'utf8');
      text = bytes.subarray(Math.min(start, bytes.length)).toString('utf8');
      nextOffset = Math.max(start, bytes.length);
    }
    this.tails.set(`${repo.slug}|${jobId}|${nextOffset}`, parts);
    return { text, nextOffset, complete };
  }

  private async lines(repo: RepoRef, buildId: string, logId: number, startLine: number | undefined, signal: AbortSignal | undefined): Promise<string> {
    const answer = await this.client.request({
      path: `${buildPath(repo.slug, buildId)}/logs/${logId}`,
      what: `log ${logId} of build ${buildId} of ${repo.slug}`,
      query: { startLine: startLine !== undefined && startLine > 1 ? startLine : undefined },
      headers: { accept: 'text/plain' },
      as: 'text',
      signal,
    });
    return typeof answer.body === 'string' ? answer.body : '';
  }

  clear(): void {
    this.tails.clear();
  }
}
