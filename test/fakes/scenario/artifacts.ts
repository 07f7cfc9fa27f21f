/**
 * Artifacts of the scenario's finished runs (additive). GitHub: a coverage zip, a one-file build log zip,
 * and one that expired. Served by the fake GitHub; the zip download redirects to its blob storage
 * on another origin (test/fakes/kit/storage.ts), which records whether credentials arrived.
 */
import type { FakeArtifact } from '../github/state';
import type { FakeJob as FakeGitLabJob } from '../gitlab/state';
import { storedZip } from '../kit/zip';

/** The exact archives, so the e2e test can compare the bytes on disk. */
export const SCENARIO_ARTIFACT_FILES = {
  coverage: { 'coverage/summary.txt': 'Statements: 87.5%\nBranches: 74.0%\n', 'coverage/lcov.info': 'TN:\nSF:src/app.ts\nLF:8\nLH:7\nend_of_record\n' },
  'build-log': { 'build.log': 'npm ci\nnpm run build\nBuild finished in 42 s\n' },
  'old-bundle': { 'bundle.js': 'console.log("old");\n' },
} as const;

const zips = new Map(Object.entries(SCENARIO_ARTIFACT_FILES).map(([name, files]) => [name, storedZip(files).toString('base64')]));

export function scenarioArtifacts(repo: string, runId: number, createdAt: string): FakeArtifact[] {
  return [...zips].map(([name, zipBase64], index) => {
    const expired = name === 'old-bundle';
    return { id: runId * 10 + index + 1, repo, runId, name, zipBase64, expired, createdAt, expiresAt: expired ? '2024-01-01T00:00:00Z' : '2099-01-01T00:00:00Z' };
  });
}

/** GitLab: a finished build job keeps its archive; a finished test job's archive has expired. */
export function gitlabScenarioArchive(stage: string, status: string): Pick<FakeGitLabJob, 'archive' | 'files'> | undefined {
  if (!['success', 'failed'].includes(status)) return undefined;
  if (stage === 'build') return { archive: { expire_at: '2099-01-01T00:00:00Z' }, files: { 'dist/VERSION': '2.3.0\n', 'dist/build.txt': 'built by the scenario\n' } };
  if (stage === 'test') return { archive: { expire_at: '2024-01-01T00:00:00Z' }, files: { 'junit.xml': '<testsuites/>\n' } };
  return undefined;
}
