/**
 * Saving an artifact's stream to disk without holding it in memory: piped (with back-pressure)
 * into a hidden temporary file in the target folder, renamed to a free name at the end; on
 * cancel or error the partial file is deleted. No vscode: unit-tested in Node.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { safeFileName } from '../core/ci/artifactName';
import { CancelledError } from '../core/errors';

export { safeFileName };

export interface SaveOptions {
  readonly signal?: AbortSignal;
  /** Bytes written so far, after each chunk. */
  readonly onBytes?: (total: number) => void;
}

/** `folder/name`, or `folder/name (2).ext`… when taken. */
export function freePath(folder: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!fs.existsSync(candidate)) {
      return candidate;
    }
  }
}

/** Writes `body` to a free path in `folder` named after `fileName`; resolves with that path. */
export async function saveStream(body: AsyncIterable<Uint8Array>, folder: string, fileName: string, options: SaveOptions = {}): Promise<string> {
  const name = safeFileName(fileName);
  const temp = path.join(folder, `.${name}.${randomBytes(4).toString('hex')}.part`);
  let total = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.byteLength;
      options.onBytes?.(total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(body, { objectMode: false }), count, fs.createWriteStream(temp, { flags: 'wx' }), ...(options.signal ? [{ signal: options.signal }] : []));
    const target = freePath(folder, name);
    await fs.promises.rename(temp, target);
    return target;
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    if (options.signal?.aborted) {
      throw new CancelledError();
    }
    throw error;
  }
}
