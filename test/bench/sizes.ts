/**
 * (b) Sizes: the production bundle, a freshly packaged VSIX (or ./flowforge.vsix when packaging
 * fails) and the number of files `vsce ls` would ship.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SizeFigures {
  /** dist/extension.js: the start-up shell VS Code loads at activation. */
  readonly bundleBytes: number | undefined;
  /** dist/composition.js: loaded after activate() has returned. */
  readonly compositionBytes: number | undefined;
  readonly webviewBytes: number | undefined;
  readonly vsixBytes: number | undefined;
  /** Where the VSIX figure comes from. */
  readonly vsixSource: 'packaged' | 'existing flowforge.vsix' | 'unavailable';
  readonly vsixFiles: number | undefined;
  readonly notes: readonly string[];
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

function firstLine(error: unknown): string {
  const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : '';
  const text = stderr.trim() !== '' ? stderr : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

export async function measureSizes(root: string): Promise<SizeFigures> {
  const notes: string[] = [];
  const options = { cwd: root, maxBuffer: 16 * 1024 * 1024 };
  try {
    await run(process.execPath, ['esbuild.config.mjs', '--production'], options);
  } catch (error) {
    notes.push(`production build failed: ${firstLine(error)}`);
  }
  const bundleBytes = await sizeOf(join(root, 'dist', 'extension.js'));
  const compositionBytes = await sizeOf(join(root, 'dist', 'composition.js'));
  const webviewBytes = await sizeOf(join(root, 'dist', 'webview.js'));
  const dir = await mkdtemp(join(tmpdir(), 'flowforge-bench-'));
  let vsixBytes: number | undefined;
  let vsixSource: SizeFigures['vsixSource'] = 'unavailable';
  try {
    await run('npx', ['vsce', 'package', '--no-dependencies', '--out', join(dir, 'flowforge.vsix')], options);
    vsixBytes = await sizeOf(join(dir, 'flowforge.vsix'));
    vsixSource = 'packaged';
  } catch (error) {
    notes.push(`vsce package failed: ${firstLine(error)}`);
    vsixBytes = await sizeOf(join(root, 'flowforge.vsix'));
    vsixSource = vsixBytes === undefined ? 'unavailable' : 'existing flowforge.vsix';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  let vsixFiles: number | undefined;
  try {
    const { stdout } = await run('npx', ['vsce', 'ls', '--no-dependencies'], options);
    vsixFiles = stdout.split('\n').filter((line) => line.trim() !== '').length;
  } catch (error) {
    notes.push(`vsce ls failed: ${firstLine(error)}`);
  }
  return { bundleBytes, compositionBytes, webviewBytes, vsixBytes, vsixSource, vsixFiles, notes };
}
