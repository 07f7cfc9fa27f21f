/**
 * Console logs: GET {build}/logText/progressiveText?start=N answers the bytes after N, the next
 * offset in X-Text-Size and X-More-Data: true while the build still writes. Finished builds answer
 * the whole text the same way (start=0). Jenkins' hidden console notes (ESC[8mha:…ESC[0m, serialized
 * annotations) are removed; a note, a character or a line cut off at the end waits for the next read.
 */
import type { LogChunk } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import type { RepoRef } from '../../core/model';
import type { JenkinsClient } from './client';
import { foldPipelineLines, type FoldState } from './pipelineLog';
import { buildPath } from './reads';

// eslint-disable-next-line no-control-regex -- console notes are delimited by ESC sequences
const NOTE = /\x1b\[8mha:[^\x1b]*\x1b\[0m/g;
const NEWLINE = 0x0a;

/** The text without console notes (a note never spans lines, so whole lines hold whole notes). */
export function stripConsoleNotes(text: string): string {
  return text.replace(NOTE, '');
}

/** How many bytes of a running console's answer are whole lines (an unfinished line, note or character waits for the next read). */
export function completeLineBytes(bytes: Uint8Array, complete: boolean): number {
  return complete ? bytes.length : bytes.lastIndexOf(NEWLINE) + 1;
}

/**
 * One read of the console from byte `offset`, `[Pipeline]` blocks folded (see pipelineLog.ts);
 * `folds` are the blocks left open by the read that ended at `offset`.
 */
export async function getConsoleLog(
  client: JenkinsClient,
  repo: RepoRef,
  runId: string,
  offset: number,
  folds: FoldState,
  options: RequestOptions = {},
): Promise<{ readonly chunk: LogChunk; readonly folds: FoldState }> {
  const start = Math.max(0, Math.floor(offset));
  const answer = await client.request({
    path: `${buildPath(repo, runId)}/logText/progressiveText`,
    query: { start },
    what: `console of build ${runId} of ${repo.slug}`,
    headers: { accept: 'text/plain' },
    as: 'bytes',
    signal: options.signal,
  });
  const complete = answer.headers.get('x-more-data') !== 'true';
  const size = Number(answer.headers.get('x-text-size') ?? NaN);
  const used = completeLineBytes(answer.bytes, complete);
  const folded = foldPipelineLines(stripConsoleNotes(new TextDecoder().decode(answer.bytes.subarray(0, used))), folds);
  // X-Text-Size is where the next read starts; an answer cut short (held back) starts earlier.
  const next = used === answer.bytes.length && Number.isFinite(size) ? size : start + used;
  return { chunk: { text: folded.text, nextOffset: next, complete }, folds: folded.state };
}
