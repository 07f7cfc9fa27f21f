import assert from 'node:assert/strict';
import { MAX_REPORT_BYTES, parseCodeQualityReport } from '../../../../src/providers/gitlab/codeQuality';
import { startHarness, type Harness } from './harness';

const REPORT = [
  { description: "'unused' is assigned a value but never used.", check_name: 'no-unused-vars', fingerprint: 'a1', severity: 'major', location: { path: 'src/pdf.ts', lines: { begin: 12, end: 13 } } },
  { description: 'Function has too many statements.', check_name: 'max-statements', fingerprint: 'b2', severity: 'minor', location: { path: 'src/invoice.ts', positions: { begin: { line: 40, column: 1 }, end: { line: 44, column: 2 } } } },
  { description: 'Consider a constant.', fingerprint: 'c3', severity: 'info', location: { path: 'src/tax.ts', lines: { begin: 3 } } },
];

describe('gitlab code quality (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  function attach(text: string, filename = 'gl-code-quality-report.json'): void {
    const job = h.server.state.mustJob(502);
    job.artifacts = [{ file_type: 'codequality', filename, file_format: 'raw' }];
    job.files = { [filename]: text };
  }

  it('downloads and maps the codequality report of the pipeline jobs', async () => {
    attach(JSON.stringify(REPORT));
    const issues = await h.provider.getCodeQuality(h.repo, '100');
    assert.deepEqual(issues, [
      { path: 'src/pdf.ts', startLine: 12, endLine: 13, severity: 'major', level: 'failure', description: "'unused' is assigned a value but never used.", checkName: 'no-unused-vars' },
      { path: 'src/invoice.ts', startLine: 40, endLine: 44, severity: 'minor', level: 'warning', description: 'Function has too many statements.', checkName: 'max-statements' },
      { path: 'src/tax.ts', startLine: 3, endLine: 3, severity: 'info', level: 'notice', description: 'Consider a constant.' },
    ]);
    assert.equal(h.server.stats.count('GET /projects/:id/jobs/:job_id/artifacts/*artifact_path'), 1);
  });

  it('answers [] without a request when no job has a codequality artifact', async () => {
    assert.deepEqual(await h.provider.getCodeQuality(h.repo, '100'), []);
    assert.equal(h.server.stats.count('GET /projects/:id/jobs/:job_id/artifacts/*artifact_path'), 0);
  });

  it('skips a malformed report and malformed entries', async () => {
    attach('{not json');
    assert.deepEqual(await h.provider.getCodeQuality(h.repo, '100'), []);
    attach(JSON.stringify([null, 7, { description: 'no location' }, { location: { path: 'a.ts' } }, { description: 'ok', severity: 'BLOCKER', location: { path: 'a.ts', lines: { begin: -4 } } }]));
    assert.deepEqual(await h.provider.getCodeQuality(h.repo, '100'), [{ path: 'a.ts', startLine: 1, endLine: 1, severity: 'blocker', level: 'failure', description: 'ok' }]);
    attach(JSON.stringify({ issues: REPORT }));
    assert.deepEqual(await h.provider.getCodeQuality(h.repo, '100'), []);
  });

  it('answers [] when the report file is not in the archive (404)', async () => {
    attach(JSON.stringify(REPORT));
    h.server.state.mustJob(502).files = {};
    assert.deepEqual(await h.provider.getCodeQuality(h.repo, '100'), []);
  });

  it('skips an oversized report', async () => {
    attach(`[${' '.repeat(MAX_REPORT_BYTES)}]`);
    assert.deepEqual(await h.provider.getCodeQuality(h.repo, '100'), []);
  });

  it('parses unknown severities as notices', () => {
    assert.equal(parseCodeQualityReport(JSON.stringify([{ description: 'x', severity: 'weird', location: { path: 'b.ts', lines: { begin: 2 } } }]))[0]?.level, 'notice');
  });
});
