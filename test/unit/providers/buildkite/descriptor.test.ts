import assert from 'node:assert/strict';
import { redact } from '../../../../src/core/redact';
import { buildkiteDescriptor, readOrganizations } from '../../../../src/providers/buildkite';
import { PROVIDERS } from '../../../../src/providers';
import { ProviderRegistry } from '../../../../src/providers/registry';
import { TOKENS } from '../../../fakes/buildkite/fixtures';

describe('buildkite descriptor', () => {
  it('is registered, with one account from flowforge.buildkite.apiUrl and the env fallback', () => {
    assert.ok(PROVIDERS.includes(buildkiteDescriptor));
    assert.deepEqual(buildkiteDescriptor.readAccounts(() => undefined), { accounts: [{ kind: 'buildkite', apiUrl: 'https://api.buildkite.com', envVar: 'FLOWFORGE_BUILDKITE_TOKEN', namespaces: [] }], errors: [] });
    assert.equal(buildkiteDescriptor.readAccounts((key) => (key === 'buildkite.apiUrl' ? 'https://bk.example.com/v2/' : undefined)).accounts[0]?.apiUrl, 'https://bk.example.com');
    assert.match(buildkiteDescriptor.readAccounts(() => 'nope').errors[0] ?? '', /^flowforge\.buildkite\.apiUrl: /);
    assert.deepEqual(readOrganizations((key) => (key === 'buildkite.organizations' ? [' acme ', '', 3] : undefined)), ['acme']);
  });

  it('resolves buildkite:org/pipeline entries and no git remote', () => {
    const registry = new ProviderRegistry(PROVIDERS);
    const accounts = registry.readAccounts(() => undefined).accounts;
    const resolved = registry.resolve([{ remoteUrls: ['git@github.com:acme/web.git'], branch: 'main' }], ['buildkite:acme/web', 'buildkite:bad'], accounts);
    assert.deepEqual(resolved.repositories.map((r) => [r.repo.provider, r.repo.slug, r.origin]), [['github', 'acme/web', 'remote'], ['buildkite', 'acme/web', 'setting']]);
    assert.equal(resolved.warnings.length, 1);
    assert.equal(buildkiteDescriptor.repositoryWebUrl({ provider: 'buildkite', host: 'https://api.buildkite.com', slug: 'acme/web' }), 'https://buildkite.com/acme/web');
  });

  it('redacts Buildkite tokens, the 40-hex form only after a credential word (a bare commit SHA stays)', () => {
    const patterns = buildkiteDescriptor.token.redactPatterns;
    assert.equal(redact(`token ${TOKENS.full} used`, [], patterns), 'token *** used');
    assert.equal(redact(`api_token=${TOKENS.legacy}`, [], patterns), 'api_token=***');
    assert.equal(redact(`Building ${TOKENS.legacy}`, [], patterns), `Building ${TOKENS.legacy}`);
  });

  it('offers only what the provider implements, and the create-build form', () => {
    const provider = buildkiteDescriptor.create({ kind: 'buildkite', apiUrl: 'https://api.buildkite.com' }, { getToken: () => Promise.resolve(undefined), logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
    const ops: Record<string, string> = { rerunRun: 'rerunRun', rerunJob: 'rerunJob', cancelRun: 'cancelRun', dispatch: 'createRun', liveLog: 'getJobLog', annotations: 'listAnnotations', unblock: 'unblockJob', artifacts: 'openArtifact' };
    for (const feature of buildkiteDescriptor.features) {
      assert.equal(typeof (provider as unknown as Record<string, unknown>)[ops[feature] ?? feature], 'function', feature);
    }
    provider.dispose();
    const form = buildkiteDescriptor.dispatch?.parseForm('steps: []', 'acme/web pipeline settings');
    assert.deepEqual(form?.fields.map((f) => [f.name, f.kind, f.default]), [['message', 'string', undefined], ['commit', 'string', 'HEAD'], ['env', 'string', undefined], ['meta_data', 'string', undefined], ['clean_checkout', 'boolean', false]]);
    assert.deepEqual(buildkiteDescriptor.token.writeScopes, ['write_builds']);
  });
});
