import assert from 'node:assert/strict';
import { AuthError, ServerError } from '../../../../src/core/errors';
import { redactError } from '../../../../src/providers/http/redactError';
import { accountProvider } from '../../../../src/providers/accountAccess';
import { HostLimit } from '../../../../src/core/scheduler/hostLimit';
import { systemClock } from '../../../../src/core/ports';
import { ProviderPool } from '../../../../src/providers/pool';
import { ProviderRegistry } from '../../../../src/providers/registry';
import { Redactor } from '../../../../src/core/redact';
import { PROVIDERS } from '../../../../src/providers';
import { nullLogger } from '../../../../src/core/ports';
import type { CiProvider } from '../../../../src/core/ci/provider';

const TOKEN = 'glpat-canary-0123456789abcdef';

describe('redaction of what leaves a provider', () => {
  it('removes a secret by value from the message, the stack and the causes', () => {
    const cause = new Error(`socket said ${TOKEN}`);
    const error = new AuthError(`rejected: authorization: ${TOKEN}; echo ${TOKEN}`, 401);
    (error as { cause?: unknown }).cause = cause;
    void cause.stack;
    assert.equal(redactError(error, [TOKEN, undefined]), error);
    assert.ok(!error.message.includes(TOKEN) && error.message.includes('***'));
    assert.ok(!(error.stack ?? '').includes(TOKEN));
    assert.ok(!cause.message.includes(TOKEN) && !(cause.stack ?? '').includes(TOKEN));
    assert.equal(error.kind, 'auth', 'the same typed error');
  });

  it('wraps every method of a provider so that its rejections and throws are redacted; other properties read through', async () => {
    const target = {
      kind: 'demo',
      get host() {
        return 'https://ci.example.com';
      },
      fails: async (): Promise<never> => Promise.reject(new ServerError(`proxy echoed token ${TOKEN}`, 502)),
      throws(): never {
        throw new Error(`sync ${TOKEN}`);
      },
      works: async (value: number): Promise<number> => Promise.resolve(value * 2),
      dispose: () => undefined,
    };
    const limit = new HostLimit('demo|x', 'Demo', { requests: 100, windowSeconds: 3600, per: 'user', source: 'test' }, systemClock);
    const wrapped = accountProvider(target as unknown as CiProvider, limit, (text) => text.split(TOKEN).join('***')) as unknown as typeof target;
    assert.equal(wrapped.kind, 'demo');
    assert.equal(wrapped.host, 'https://ci.example.com');
    assert.equal(await wrapped.works(21), 42);
    assert.equal(wrapped.works, wrapped.works, 'one wrapper per method');
    await assert.rejects(wrapped.fails(), (error: unknown) => error instanceof ServerError && error.message === 'proxy echoed token ***');
    assert.throws(() => wrapped.throws(), /^Error: sync \*\*\*$/);
  });

  it('keeps a synchronous method synchronous, and fails an async one fast while the account is paused, calling nothing', async () => {
    let calls = 0;
    const target = {
      describe: (slug: string): string => `repo ${slug}`,
      listRuns: async (): Promise<string> => {
        calls += 1;
        return Promise.resolve('runs');
      },
      dispose: () => undefined,
    };
    const limit = new HostLimit('demo|x', 'Demo', { requests: 100, windowSeconds: 3600, per: 'user', source: 'test' }, systemClock);
    const wrapped = accountProvider(target as unknown as CiProvider, limit) as unknown as typeof target;
    const described: unknown = wrapped.describe('a/b');
    assert.equal(described, 'repo a/b', 'a plain value, not a promise');
    assert.equal(await wrapped.listRuns(), 'runs');
    limit.pause(Date.now() + 60_000);
    assert.equal(wrapped.describe('c/d'), 'repo c/d', 'still synchronous while paused');
    const failed = wrapped.listRuns();
    assert.ok(failed instanceof Promise, 'an async method still rejects, it does not throw');
    await assert.rejects(failed, /Demo is rate limited until .*nothing was sent/);
    assert.equal(calls, 1, 'the paused call reached nothing');
  });

  it('the provider pool hands out providers whose errors carry no configured token', async () => {
    const redactor = new Redactor();
    redactor.addSecret(TOKEN);
    const base = PROVIDERS[0];
    assert.ok(base);
    // A provider whose error text carries the token, as one built from an echoing proxy's answer would.
    const echoing = { kind: 'echo', listJobs: () => Promise.reject(new ServerError(`gateway said: PRIVATE-TOKEN ${TOKEN}`, 502)), dispose: () => undefined };
    const registry = new ProviderRegistry([{ ...base, kind: 'echo', create: () => echoing as unknown as CiProvider }]);
    const pool = new ProviderPool(registry, () => ({ logger: nullLogger, getToken: () => Promise.resolve(TOKEN) }), { redact: (text) => redactor.redact(text) });
    const account = { kind: 'echo', apiUrl: 'https://ci.example.com' };
    pool.setAccounts([account]);
    const provider = pool.providerForAccount(account);
    assert.ok(provider);
    await assert.rejects(provider.listJobs({ provider: 'echo', host: account.apiUrl, slug: 'a/b' }, '1'), (error: unknown) => {
      assert.ok(error instanceof ServerError, 'the same typed error');
      assert.equal(error.message, 'gateway said: PRIVATE-TOKEN ***');
      return true;
    });
    const unredacted = new ProviderPool(registry, () => ({ logger: nullLogger, getToken: () => Promise.resolve(TOKEN) }));
    unredacted.setAccounts([account]);
    await assert.rejects(unredacted.providerForAccount(account)?.listJobs({ provider: 'echo', host: account.apiUrl, slug: 'a/b' }, '1') ?? Promise.resolve(), /PRIVATE-TOKEN glpat/);
    pool.dispose();
    unredacted.dispose();
  });
});
