/**
 * The descriptor is well-formed: it lives in src/providers/<kind>/, is listed once in PROVIDERS,
 * owns only `<kind>.*` settings, has token rules, and its features are exactly what the provider
 * instance implements (no offered action that then fails, no implemented action left hidden).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROVIDER_FEATURES, type ProviderFeature } from '../../../../src/core/ci/descriptor';
import type { CiProvider } from '../../../../src/core/ci/provider';
import { nullLogger } from '../../../../src/core/ports';
import { PROVIDERS } from '../../../../src/providers';
import { caseIt, type CaseContext } from './context';
import { FEATURE_OPERATIONS, OPERATION_FEATURE, type OperationName } from './features';

/** out/test/unit/providers/conformance -> out/src/providers */
const PROVIDERS_DIR = join(__dirname, '..', '..', '..', '..', 'src', 'providers');
const load = createRequire(__filename);

function withInstance(c: CaseContext, use: (provider: CiProvider) => void): void {
  const { descriptor } = c.harness;
  const account = descriptor.readAccounts(() => undefined).accounts[0];
  assert.ok(account, 'readAccounts gives a main account without settings');
  const provider = descriptor.create(account, { getToken: () => Promise.resolve(undefined), logger: nullLogger });
  try {
    use(provider);
  } finally {
    provider.dispose();
  }
}

export function descriptorCases(c: CaseContext): void {
  const { descriptor, kind } = c.harness;

  caseIt(c, 'descriptor: its kind is its folder, and the folder exports it', () => {
    assert.equal(descriptor.kind, kind);
    const folder = load(join(PROVIDERS_DIR, kind)) as Record<string, unknown>;
    assert.ok(Object.values(folder).includes(descriptor), `src/providers/${kind}/index.ts exports the descriptor`);
    const file = load(join(PROVIDERS_DIR, kind, 'descriptor')) as Record<string, unknown>;
    assert.ok(Object.values(file).includes(descriptor), `src/providers/${kind}/descriptor.ts exports the descriptor`);
    assert.equal(PROVIDERS.filter((entry) => entry === descriptor).length, 1, 'listed once in PROVIDERS');
    assert.equal(PROVIDERS.filter((entry) => entry.kind === kind).length, 1, 'its kind is unique');
  });

  caseIt(c, 'descriptor: names, icon and default account', () => {
    for (const field of ['label', 'codicon', 'repositoryNoun', 'noPipelinesText', 'defaultApiUrl'] as const) {
      assert.ok(descriptor[field].trim() !== '', `${field} is set`);
    }
    const { accounts, errors } = descriptor.readAccounts(() => undefined);
    assert.deepEqual(errors, []);
    assert.equal(accounts[0]?.kind, kind);
    assert.equal(accounts[0].apiUrl, descriptor.normalizeApiUrl(descriptor.defaultApiUrl));
  });

  caseIt(c, 'descriptor: settings are its own (`<kind>.*`), unique and described', () => {
    const keys = descriptor.settings.map((setting) => setting.key);
    assert.equal(new Set(keys).size, keys.length, 'no key twice');
    for (const setting of descriptor.settings) {
      assert.ok(setting.key.startsWith(`${kind}.`), `${setting.key} starts with "${kind}."`);
      assert.ok(setting.descriptionKey.trim() !== '', `${setting.key} has a descriptionKey`);
      assert.equal(Array.isArray(setting.default) ? 'array' : typeof setting.default, setting.type, `${setting.key}: default matches type`);
    }
  });

  caseIt(c, 'descriptor: token rules (noun, help, writeScopes, redactPatterns)', () => {
    const { token } = descriptor;
    assert.ok(token.noun.trim() !== '' && token.help.trim() !== '');
    assert.ok(Array.isArray(token.writeScopes) && token.writeScopes.every((scope) => typeof scope === 'string' && scope !== ''));
    assert.ok(token.redactPatterns.length > 0, 'at least one redact pattern');
    for (const pattern of token.redactPatterns) {
      assert.ok(pattern instanceof RegExp && pattern.global, `${String(pattern)} is a global RegExp (replaces every occurrence)`);
    }
  });

  caseIt(c, 'descriptor: features are known and each has its operations on the provider', () => {
    const known = new Set<string>(PROVIDER_FEATURES);
    withInstance(c, (provider) => {
      for (const feature of descriptor.features) {
        assert.ok(known.has(feature), `${feature} is one of PROVIDER_FEATURES`);
        const operations = FEATURE_OPERATIONS[feature];
        assert.ok(operations.length > 0, `core/ci/operations.ts has an operation for ${feature} (add it there and to conformance/features.ts)`);
        for (const operation of operations) {
          assert.equal(typeof provider[operation], 'function', `${feature} needs provider.${operation}()`);
        }
      }
    });
    assert.equal(descriptor.dispatch !== undefined, descriptor.features.has('dispatch'), 'dispatch support iff the dispatch feature');
  });

  caseIt(c, 'descriptor: every feature-only operation the provider implements is listed as a feature', () => {
    withInstance(c, (provider) => {
      for (const [operation, feature] of Object.entries(OPERATION_FEATURE) as [OperationName, ProviderFeature][]) {
        if (typeof provider[operation] === 'function') {
          assert.ok(descriptor.features.has(feature), `provider.${operation}() exists, so the descriptor lists ${feature}`);
        }
      }
    });
  });

  caseIt(c, "descriptor: create() makes a working provider of its kind for the fake's account", async () => {
    const provider = descriptor.create(c.fake.account, { getToken: () => Promise.resolve(c.fake.token), logger: nullLogger });
    try {
      assert.equal(provider.kind, kind);
      assert.ok(provider.displayName.trim() !== '');
      const { value } = await provider.listRuns(c.fake.repo, { perPage: 100 });
      assert.equal(value.items.length, c.fake.seed.runCount);
    } finally {
      provider.dispose();
    }
  });
}
