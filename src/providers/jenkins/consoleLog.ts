/**
 * Console logs: GET {build}/logText/progressiveText?start=N answers the bytes after N, the next
 * offset in X-Text-Size and X-More-Data: true while the build still writes. Finished builds answer
 * the whole text the same way (start=0). Jenkins' hidden console notes (ESC[8mha:…ESC[0m, serialized
 * annotations) are removed; a note or a character cut off at the end waits for the next read.
 */
import type { LogChunk } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import type { RepoRef } from '../../core/model';
import { completeUtf8Length } from '../http';
import type { JenkinsClient } from './client';
import { buildPath } from './reads';

// eslint-disable-next-line no-control-regex -- console notes are delimited by ESC sequences
const NOTE = /\x1b\[8mha:[^\x1b]*\x1b\[0m/g;
const NOTE_START = '\x1b[8mha:';

/** The text without console notes, and how many of its bytes are usable (an unfinished note is held back). */
export function stripConsoleNotes(bytes: Uint8Array, complete: boolean): { readonly text: string; readonly used: number } {
  let used = complete ? bytes.length : completeUtf8Length(bytes);
  let raw = new TextDecoder().decode(bytes.subarray(0, used));
  if (!complete) {
    const open = raw.lastIndexOf(NOTE_START);
    if (open >= 0 && raw.indexOf('\x1b[0m', open) < 0) {
      raw = raw.slice(0, open);
      used = Buffer.byteLength(raw, 'utf8');
    }
  }
  return { text: raw.replace(NOTE, ''), used };
}

export async function getConsoleLog(client: JenkinsClient, repo: RepoRef, runId: string, offset: number, options: RequestOptions = {}): Promise<LogChunk> {
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
  const { text, used } = stripConsoleNotes(answer.bytes, complete);
  // X-Text-Size is where the next read starts; an answer cut short (held back) starts earlier.
  const next = used === answer.bytes.length && Number.isFinite(size) ? size : start + used;
  return { text, nextOffset: next, complete };
}
