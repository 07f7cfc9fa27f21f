/**
 * The part of `yauzl` (streaming zip reader, MIT) FlowForge uses to extract artifact archives, typed
 * here (the package ships no types). Built into dist/vendor/yauzl.js (esbuild.config.mjs) and
 * required on the first extraction by src/platform/artifactExtract.ts, so activation does not load it.
 * Imports npm packages only.
 */
import type { Readable } from 'node:stream';

export interface ZipEntry {
  /** The path inside the archive, already checked by yauzl (no absolute paths, no "..", no backslashes). */
  readonly fileName: string;
  readonly uncompressedSize: number;
}

export interface ZipFile {
  readonly entryCount: number;
  readEntry(): void;
  openReadStream(entry: ZipEntry, callback: (error: Error | null, stream: Readable) => void): void;
  close(): void;
  on(event: 'entry', listener: (entry: ZipEntry) => void): this;
  on(event: 'end' | 'close', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

interface Yauzl {
  open(path: string, options: { readonly lazyEntries: true; readonly autoClose?: boolean; readonly strictFileNames?: boolean; readonly validateEntrySizes?: boolean }, callback: (error: Error | null, zip: ZipFile) => void): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package has no ES module types; this file is its typed face
const yauzl = require('yauzl') as Yauzl;

export const openZip: Yauzl['open'] = (path, options, callback) => yauzl.open(path, options, callback);
