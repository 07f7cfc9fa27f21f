/**
 * Extracting a downloaded artifact zip with yauzl (loaded on first use, see vendor/yauzl.ts), entry
 * by entry as streams. Guards: yauzl refuses absolute paths, ".." and backslashes in entry names,
 * and every destination is checked again to lie inside the target folder (zip-slip); existing
 * files are never overwritten; a bounded number of entries and bytes (a zip bomb stops).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type * as YauzlVendor from '../providers/vendor/yauzl';

let vendor: typeof YauzlVendor | undefined;
function yauzl(): typeof YauzlVendor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose: dist/vendor/yauzl.js (esbuild.config.mjs)
  vendor ??= require('../providers/vendor/yauzl') as typeof YauzlVendor;
  return vendor;
}

export interface ExtractLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = { maxEntries: 20_000, maxBytes: 4 * 1024 ** 3 };

/** Where an entry goes under `folder`, or undefined when it would leave it. */
export function entryTarget(folder: string, entryName: string): string | undefined {
  if (entryName.includes('\\') || path.isAbsolute(entryName) || /^[A-Za-z]:/.test(entryName)) {
    return undefined;
  }
  const target = path.resolve(folder, entryName);
  const relative = path.relative(path.resolve(folder), target);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? undefined : target;
}

/** Extracts `zipPath` into `folder` (created); resolves with the number of files written. */
export function extractZip(zipPath: string, folder: string, limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    yauzl().openZip(zipPath, { lazyEntries: true, autoClose: true, strictFileNames: true, validateEntrySizes: true }, (openError, zip) => {
      if (openError) {
        reject(openError);
        return;
      }
      if (zip.entryCount > limits.maxEntries) {
        zip.close();
        reject(new Error(`The archive has ${zip.entryCount} entries, more than ${limits.maxEntries}`));
        return;
      }
      let files = 0;
      let bytes = 0;
      const fail = (error: Error) => {
        zip.close();
        reject(error);
      };
      zip.on('error', fail);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry) => {
        const target = entryTarget(folder, entry.fileName);
        if (target === undefined) {
          fail(new Error(`The archive entry "${entry.fileName}" points outside the folder`));
          return;
        }
        if (entry.fileName.endsWith('/')) {
          fs.promises.mkdir(target, { recursive: true }).then(() => zip.readEntry(), fail);
          return;
        }
        bytes += entry.uncompressedSize;
        if (bytes > limits.maxBytes) {
          fail(new Error(`The archive unpacks to more than ${limits.maxBytes} bytes`));
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) {
            fail(streamError);
            return;
          }
          fs.promises
            .mkdir(path.dirname(target), { recursive: true })
            .then(() => pipeline(stream, fs.createWriteStream(target, { flags: 'wx' })))
            .then(() => {
              files++;
              zip.readEntry();
            }, fail);
        });
      });
      fs.promises.mkdir(folder, { recursive: true }).then(() => zip.readEntry(), fail);
    });
  });
}
