import assert from 'node:assert/strict';
import { htmlText, parseReferences } from '../../../../src/providers/buildkite/annotations';
import { SHA } from '../../../fakes/buildkite/fixtures';
import { startHarness, type Harness } from './harness';

describe('buildkite annotations as checks', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('lists the annotations of the newest build of a commit, style as state, HTML as summary', async () => {
    const checks = await h.provider.listChecks(h.repo, SHA.feature);
    assert.deepEqual(checks.map((c) => [c.id, c.name, c.state, c.rawStatus, c.annotationsCount]), [
      ['2/ann-1', 'jest', 'failure', 'error', 2],
      ['2/ann-2', 'coverage', 'neutral', 'info', 0],
      ['2/ann-3', 'lint', 'neutral', 'warning', 1],
      ['2/ann-4', 'deploy', 'success', 'success', 0],
    ]);
    assert.match(checks[0]?.summary ?? '', /^<h3>1 test failed<\/h3>/);
    assert.equal((checks[0] as { summaryFormat?: string }).summaryFormat, 'html');
    assert.equal(checks[0]?.webUrl, `${h.server.url}/acme/web/builds/2`);
    const query = new URL(h.server.stats.last('GET /v2/organizations/{org}/pipelines/{pipeline}/builds')?.path ?? '', 'http://x').searchParams;
    assert.equal(query.get('commit'), SHA.feature);
    assert.equal(query.get('per_page'), '1');
    assert.equal(query.get('exclude_jobs'), 'true');
  });

  it('gives file references as annotations without another request', async () => {
    await h.provider.listChecks(h.repo, SHA.feature);
    const before = h.server.stats.count();
    const refs = await h.provider.listAnnotations(h.repo, '2/ann-1');
    assert.equal(h.server.stats.count(), before);
    assert.deepEqual(refs, [
      { path: 'src/tax.test.ts', startLine: 12, endLine: 12, startColumn: 5, level: 'failure', title: 'jest', message: 'expected 10 to be 11' },
      { path: 'src/tax.ts', startLine: 40, endLine: 40, level: 'failure', title: 'jest', message: 'See src/tax.ts:40.' },
    ]);
    assert.deepEqual((await h.provider.listAnnotations(h.repo, '2/ann-3')).map((a) => [a.path, a.level]), [['src/app.ts', 'warning']]);
  });

  it('has no checks for a commit never built', async () => {
    assert.deepEqual(await h.provider.listChecks(h.repo, 'f'.repeat(40)), []);
  });

  it('parses references conservatively', () => {
    assert.equal(htmlText('<p>a &amp; b &lt;c&gt; &#39;d&#x27;</p><br>e'), "a & b <c> 'd'\n\ne");
    const refs = (html: string) => parseReferences(html, 'error', 'ctx').map((a) => `${a.path}:${a.startLine}`);
    assert.deepEqual(refs('<code>lib/a.rb:3</code> and ./b/c.go:7:2'), ['lib/a.rb:3', 'b/c.go:7']);
    assert.deepEqual(refs('see https://example.com:8080/x.html and http://h/a.ts:3'), []);
    assert.deepEqual(refs('/abs/path.ts:3 ../up.ts:4 noext:5 v1.2:3 file.ts:0'), []);
    assert.deepEqual(refs('ids a.ts:3abc and b.ts:4/c'), []);
  });
});
