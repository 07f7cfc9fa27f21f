import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { intervalSetting, userBoolean } from '../../../src/core/settings';

describe('settings a workspace cannot weaken', () => {
  it('a workspace value lengthens a polling interval but never shortens it', () => {
    // A cloned repository asking for 2-second polling gets the default (10 s).
    assert.equal(intervalSetting({ defaultValue: 10, workspaceValue: 2 }, 10, 2, 600), 10);
    assert.equal(intervalSetting({ defaultValue: 10, workspaceFolderValue: 2 }, 10, 2, 600), 10);
    // Nor below the user's own value.
    assert.equal(intervalSetting({ defaultValue: 10, globalValue: 20, workspaceValue: 5 }, 10, 2, 600), 20);
    // Slower is fine.
    assert.equal(intervalSetting({ defaultValue: 10, workspaceValue: 60 }, 10, 2, 600), 60);
    // The user may go as low as the schema's minimum, not lower.
    assert.equal(intervalSetting({ defaultValue: 10, globalValue: 2 }, 10, 2, 600), 2);
    assert.equal(intervalSetting({ defaultValue: 10, globalValue: 0.5 }, 10, 2, 600), 2);
    assert.equal(intervalSetting({ defaultValue: 10, globalValue: 2, workspaceValue: 2 }, 10, 2, 600), 2);
    // Garbage falls back; bounds still hold.
    assert.equal(intervalSetting({ defaultValue: 10, globalValue: 'x', workspaceValue: 99999 }, 10, 2, 600), 600);
    assert.equal(intervalSetting(undefined, 10, 2, 600), 10);
  });

  it('confirmDestructiveActions reads only the user value', () => {
    assert.equal(userBoolean({ defaultValue: true, workspaceValue: false }, true), true);
    assert.equal(userBoolean({ defaultValue: true, workspaceFolderValue: false }, true), true);
    assert.equal(userBoolean({ defaultValue: true, globalValue: false, workspaceValue: true }, true), false);
    assert.equal(userBoolean({ defaultValue: true, globalValue: 'no' }, true), true);
    assert.equal(userBoolean(undefined, true), true);
  });

  it('package.json: confirmDestructiveActions is application-scoped and the intervals are bounded', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { scope?: string; minimum?: number }> } };
    };
    const props = manifest.contributes.configuration.properties;
    assert.equal(props['flowforge.confirmDestructiveActions']?.scope, 'application');
    for (const key of ['activeInterval', 'idleInterval', 'maxInterval', 'backgroundInterval']) {
      assert.ok((props[`flowforge.polling.${key}`]?.minimum ?? 0) >= 2, key);
    }
  });
});

describe('links from CI APIs', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
    });
  }

  it('only platform/openWeb.ts calls openExternal (which checks http(s) first)', () => {
    const root = join(__dirname, '../../../../src');
    const callers = sources(root)
      .filter((path) => /env\.openExternal\(/.test(readFileSync(path, 'utf8')))
      .map((path) => path.slice(root.length + 1).replace(/\\/g, '/'));
    assert.deepEqual(callers, ['platform/openWeb.ts']);
    assert.match(readFileSync(join(root, 'platform/openWeb.ts'), 'utf8'), /if \(!isSafeWebUrl\(url\)\)/);
  });
});
