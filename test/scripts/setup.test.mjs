// The e2e setup's first-run decisions: where the cache goes, which apt packages, when a lock is stale.
import assert from 'node:assert/strict';
import { chooseCacheDir, npmCacheFor } from '../../scripts/e2e/cacheDir.mjs';
import { aptAdvice, lockVerdict, missingDebPackages } from '../../scripts/e2e/setup.mjs';

const writable = (...bad) => (dir) => (bad.some((b) => dir.startsWith(b)) ? 'EROFS' : null);

describe('chooseCacheDir', () => {
  const base = { home: '/home/dev', tmp: '/tmp', user: 'dev' };

  it('uses ~/.cache/flowforge-e2e when it can be written', () => {
    assert.deepEqual(chooseCacheDir({ ...base, env: {}, check: writable() }), { dir: '/home/dev/.cache/flowforge-e2e' });
  });

  it('a read-only home: falls back to a per-user dir in the temp dir and says how to choose one', () => {
    const { dir, note } = chooseCacheDir({ ...base, env: {}, check: writable('/home/dev') });
    assert.equal(dir, '/tmp/flowforge-e2e-dev');
    assert.match(note, /\/home\/dev\/\.cache\/flowforge-e2e cannot be written \(EROFS\); using \/tmp\/flowforge-e2e-dev \(set FLOWFORGE_E2E_CACHE/);
  });

  it('FLOWFORGE_E2E_CACHE wins; when it cannot be written it stops and says what to set', () => {
    assert.deepEqual(chooseCacheDir({ ...base, env: { FLOWFORGE_E2E_CACHE: '/data/ff' }, check: writable('/home') }), { dir: '/data/ff' });
    assert.throws(() => chooseCacheDir({ ...base, env: { FLOWFORGE_E2E_CACHE: '/ro/ff' }, check: writable('/ro') }),
      /FLOWFORGE_E2E_CACHE=\/ro\/ff cannot be written \(EROFS\): point it at a writable directory, e\.g\. FLOWFORGE_E2E_CACHE=\/tmp\/flowforge-e2e-dev/);
  });

  it('nothing writable: stops and says to set FLOWFORGE_E2E_CACHE', () => {
    assert.throws(() => chooseCacheDir({ ...base, env: {}, check: writable('/home', '/tmp') }), /neither .* can be written: set FLOWFORGE_E2E_CACHE/);
  });
});

describe('npmCacheFor', () => {
  it("leaves npm's cache alone when it can be written, else puts it in the e2e cache", () => {
    assert.equal(npmCacheFor({ env: {}, home: '/home/dev', cache: '/c', check: writable() }), undefined);
    assert.equal(npmCacheFor({ env: {}, home: '/home/dev', cache: '/c', check: writable('/home') }), '/c/npm-cache');
    assert.equal(npmCacheFor({ env: { npm_config_cache: '/data/npm' }, home: '/home/dev', cache: '/c', check: writable('/home') }), undefined);
  });
});

describe('missingDebPackages / aptAdvice', () => {
  it('needs libkrb5-dev only while code-server still has to be built', () => {
    assert.deepEqual(missingDebPackages({ chromiumPresent: false, krb5Present: false, codeServerInstalled: false }), ['chromium', 'libkrb5-dev']);
    assert.deepEqual(missingDebPackages({ chromiumPresent: true, krb5Present: false, codeServerInstalled: true }), []);
    assert.deepEqual(missingDebPackages({ chromiumPresent: false, krb5Present: true, codeServerInstalled: false }), ['chromium']);
  });

  it('tells a user who is not root the exact apt command (and the Chromium override)', () => {
    const advice = aptAdvice(['chromium', 'libkrb5-dev'], '/usr/bin/chromium');
    assert.match(advice, /sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium libkrb5-dev/);
    assert.match(advice, /FLOWFORGE_E2E_CHROMIUM .*\/usr\/bin\/chromium/);
    assert.doesNotMatch(aptAdvice(['libkrb5-dev']), /FLOWFORGE_E2E_CHROMIUM/);
  });
});

describe('lockVerdict', () => {
  it('waits for a live owner, breaks a dead one, and breaks an ownerless lock only after the grace time', () => {
    assert.equal(lockVerdict({ owner: 42, alive: true, ageMs: 3_600_000 }), 'wait');
    assert.equal(lockVerdict({ owner: 42, alive: false, ageMs: 0 }), 'break');
    assert.equal(lockVerdict({ owner: 0, alive: false, ageMs: 1_000 }), 'wait');
    assert.equal(lockVerdict({ owner: 0, alive: false, ageMs: 31_000 }), 'break');
  });
});
