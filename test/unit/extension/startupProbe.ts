/**
 * Child process of startupPath.test: loads an extension entry (argv[2]) with the stubbed `vscode`,
 * calls activate(), waits for the tree's first getChildren, and prints the files Node had loaded
 * by then as one JSON line. A process of its own: the unit suite's require cache already holds
 * yaml and octokit from other tests.
 */
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stubVscode } from '../../bench/activation';
import { createStubHost } from '../../bench/vscodeHost';

async function main(entry: string): Promise<void> {
  const host = createStubHost(new Map<string, unknown>([['flowforge.repositories', []]]));
  const unstub = stubVscode(() => host);
  const load = Module.createRequire(__filename);
  const extension = load(entry) as { activate(context: object): unknown };
  const context = host.createContext(join(tmpdir(), 'flowforge-startup-probe'), '0.0.0-probe');
  extension.activate(context);
  const afterActivate = Object.keys(load.cache);
  await host.treeProviders[0]?.getChildren(undefined);
  const afterFirstChildren = Object.keys(load.cache);
  for (const subscription of context.subscriptions) {
    subscription.dispose();
  }
  unstub();
  process.stdout.write(`${JSON.stringify({ afterActivate, afterFirstChildren })}\n`);
}

main(process.argv[2] ?? '').then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
