/**
 * Runs test/bench/logViewer (written separately) when its compiled module exists and exports run().
 * The compiled text is checked first: requiring a script that runs itself on import would start it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type LogViewerResult = { readonly status: 'ok'; readonly figures: unknown } | { readonly status: 'not available'; readonly reason: string };

export async function runLogViewerBench(): Promise<LogViewerResult> {
  const path = join(__dirname, 'logViewer.js');
  if (!existsSync(path)) {
    return { status: 'not available', reason: 'out/test/bench/logViewer.js does not exist' };
  }
  if (!/\bexports\.run\b/.test(readFileSync(path, 'utf8'))) {
    return { status: 'not available', reason: 'out/test/bench/logViewer.js does not export run()' };
  }
  const loaded: unknown = createRequire(__filename)(path);
  const run = typeof loaded === 'object' && loaded !== null && 'run' in loaded ? loaded.run : undefined;
  if (typeof run !== 'function') {
    return { status: 'not available', reason: 'run is not a function' };
  }
  const figures: unknown = await Promise.resolve((run as () => unknown)());
  return { status: 'ok', figures };
}
