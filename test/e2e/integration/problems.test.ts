// The Problems panel in the real extension host when two CI systems build one checkout (GitHub
// Actions and a Buildkite pipeline of the same repository): both report findings on the same
// file, and each repository's update must leave the other's diagnostics in place.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CiProvider } from '../../../src/core/ci/provider';
import { repoKey, type Annotation, type Check, type RepoRef, type Run } from '../../../src/core/model';
import { nullLogger } from '../../../src/core/ports';
import { ProblemCollector } from '../../../src/core/problems/problemCollector';
import type { RepoSnapshot, SyncReader } from '../../../src/core/sync/types';
import { ProblemsPanel } from '../../../src/platform/problems';
import { makeRun } from '../../support/coreFixtures';

const GITHUB: RepoRef = { provider: 'github', host: 'https://api.github.com', slug: 'acme/shop' };
const BUILDKITE: RepoRef = { provider: 'buildkite', host: 'https://api.buildkite.com', slug: 'acme/shop' };

/** One failed check with one annotation on src/app.ts, at `line`, per provider. */
function providerWith(line: number, text: string): CiProvider {
  const check: Check = { id: `c${line}`, name: `check ${line}`, state: 'failure', rawStatus: 'completed', annotationsCount: 1 };
  const annotation: Annotation = { path: 'src/app.ts', startLine: line, endLine: line, level: 'failure', message: text };
  return { listChecks: () => Promise.resolve([check]), listAnnotations: () => Promise.resolve([annotation]) } as unknown as CiProvider;
}

describe('Problems panel with two CI systems on one checkout', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'flowforge-problems-'));
  const file = vscode.Uri.file(path.join(root, 'src', 'app.ts'));
  const runs = new Map<string, Run[]>([
    [repoKey(GITHUB), [makeRun(1, { state: 'failure', headSha: 'abc', branch: 'main' })]],
    [repoKey(BUILDKITE), [makeRun(41, { state: 'failure', headSha: 'abc', branch: 'main' })]],
  ]);
  const sync = {
    onDidChange: () => ({ dispose: () => undefined }),
    repositories: () => [GITHUB, BUILDKITE],
    snapshot: (key: string): RepoSnapshot | undefined => {
      const repo = key === repoKey(GITHUB) ? GITHUB : BUILDKITE;
      return { repo, pipelines: [], recentRuns: [], branch: 'main', branchRuns: runs.get(key) ?? [], stale: false };
    },
  } as unknown as SyncReader;
  const providers = new Map([
    [repoKey(GITHUB), providerWith(3, 'Imports must be sorted')],
    [repoKey(BUILDKITE), providerWith(14, "expected 'Buy now: €10.00' to contain '€10.02'")],
  ]);
  const collector = new ProblemCollector((repo) => providers.get(repoKey(repo)), nullLogger);
  let panel: ProblemsPanel | undefined;

  before(() => {
    mkdirSync(path.join(root, 'src'), { recursive: true });
    writeFileSync(file.fsPath, 'export const app = 1;\n');
    panel = new ProblemsPanel(sync, collector, () => vscode.Uri.file(root), nullLogger);
  });

  after(() => {
    panel?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const flowforgeMessages = (): string[] =>
    vscode.languages
      .getDiagnostics(file)
      .filter((d) => d.source === 'FlowForge')
      .map((d) => `${d.range.start.line + 1}: ${d.message}`)
      .sort();

  it("keeps both repositories' findings on the shared file, whichever updates last", async () => {
    await panel!.update(repoKey(BUILDKITE));
    await panel!.update(repoKey(GITHUB));
    assert.deepEqual(flowforgeMessages(), ["14: expected 'Buy now: €10.00' to contain '€10.02'", '3: Imports must be sorted']);
  });

  it("drops only the repository's own findings when its newer run reports none", async () => {
    providers.set(repoKey(GITHUB), { listChecks: () => Promise.resolve([]), listAnnotations: () => Promise.resolve([]) } as unknown as CiProvider);
    runs.set(repoKey(GITHUB), [makeRun(2, { state: 'success', headSha: 'def', branch: 'main' })]);
    await panel!.update(repoKey(GITHUB));
    assert.deepEqual(flowforgeMessages(), ["14: expected 'Buy now: €10.00' to contain '€10.02'"]);
  });
});
