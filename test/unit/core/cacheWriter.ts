/**
 * Child process of snapshotFiles.test: one "VS Code window" writing the same repository's cache
 * file over and over into a shared folder. argv: folder, key, writer id, count.
 */
import { encodeSnapshot } from '../../../src/core/cache/snapshotCodec';
import { LocalSnapshotFiles } from '../../../src/platform/snapshotFiles';
import { makeRun, REPO } from '../../support/coreFixtures';

async function main(): Promise<void> {
  const [folder = '', key = '', writer = '0', count = '50'] = process.argv.slice(2);
  const files = new LocalSnapshotFiles(folder);
  // A large snapshot (hundreds of KB) so that a non-atomic write is seen half-done.
  const runs = Array.from({ length: 1500 }, (_, i) => makeRun(i + 1, { pipelineName: `writer ${writer}` }));
  const text = encodeSnapshot({ repo: REPO, pipelines: [], recentRuns: runs, branchRuns: [], stale: false, fetchedAt: Number(writer) });
  for (let i = 0; i < Number(count); i++) {
    await files.write(key, text);
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
