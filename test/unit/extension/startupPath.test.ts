/**
 * Start-up loads none of the third-party code that is split off (yaml; octokit + bottleneck),
 * in the tsc output the unit tests run and in the production bundle, and the VSIX ships the
 * vendor files the bundle requires on first use.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import Module from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..', '..');
const VENDOR_FILES = ['dist/composition.js', 'dist/vendor/yaml.js', 'dist/vendor/octokit.js'];
/** What start-up must not load: the vendored packages, or our files that re-export them. */
const DEFERRED = /node_modules[\\/](yaml|@octokit[\\/][\w-]+|bottleneck)[\\/]|[\\/]vendor[\\/][\w-]+\.js$/;

interface Probe {
  readonly afterActivate: readonly string[];
  readonly afterFirstChildren: readonly string[];
}

async function probe(entry: string): Promise<Probe> {
  const { stdout } = await run(process.execPath, [join(__dirname, 'startupProbe.js'), entry], { cwd: root, maxBuffer: 8 * 1024 * 1024 });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Probe;
}

function deferredIn(files: readonly string[]): string[] {
  return files.filter((file) => DEFERRED.test(file)).map((file) => relative(root, file));
}

describe('start-up path', function () {
  this.timeout(120_000);

  it('the tsc output loads neither yaml nor octokit until they are used', async () => {
    const loaded = await probe(join(root, 'out', 'src', 'extension.js'));
    assert.ok(loaded.afterActivate.some((file) => file.endsWith(join('out', 'src', 'extension.js'))), 'the probe sees loaded files');
    assert.deepEqual(deferredIn(loaded.afterActivate), [], 'loaded by activate()');
    assert.deepEqual(deferredIn(loaded.afterFirstChildren), [], 'loaded by the first getChildren');
  });

  describe('the production bundle', () => {
    before(async () => {
      await run(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: root });
    });

    it('requires dist/vendor/* only on first use', async () => {
      const loaded = await probe(join(root, 'dist', 'extension.js'));
      assert.ok(loaded.afterActivate.some((file) => file.endsWith(join('dist', 'extension.js'))), 'the probe sees loaded files');
      assert.deepEqual(deferredIn(loaded.afterFirstChildren), [], 'loaded by start-up');
    });

    it('activate() loads only the start-up shell; the composition follows before the first rows', async () => {
      const loaded = await probe(join(root, 'dist', 'extension.js'));
      const ours = (files: readonly string[]): string[] => files.filter((file) => file.startsWith(join(root, 'dist'))).map((file) => relative(root, file));
      assert.deepEqual(ours(loaded.afterActivate), [join('dist', 'extension.js')]);
      assert.deepEqual(ours(loaded.afterFirstChildren), [join('dist', 'extension.js'), join('dist', 'composition.js')]);
    });

    it('vendor files export what the lazy requires use', () => {
      const load = Module.createRequire(__filename);
      const yaml = load(join(root, 'dist', 'vendor', 'yaml.js')) as Record<string, unknown>;
      const octokit = load(join(root, 'dist', 'vendor', 'octokit.js')) as Record<string, unknown>;
      assert.equal(typeof yaml.parseAllDocuments, 'function');
      assert.equal(typeof octokit.GitHubOctokit, 'function');
    });

    it('the VSIX ships the vendor files', async () => {
      const vsce = join(root, 'node_modules', '.bin', 'vsce');
      const { stdout } = await run(vsce, ['ls', '--no-dependencies'], { cwd: root, maxBuffer: 8 * 1024 * 1024 });
      const files = stdout.split('\n').map((line) => line.trim());
      for (const file of VENDOR_FILES) {
        assert.ok(files.includes(file), `${file} missing from vsce ls`);
      }
    });
  });
});
