import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../../src/commands/ids';
import { PROVIDER_FEATURES } from '../../../src/core/ci/descriptor';
import { PROVIDERS } from '../../../src/providers';

interface SettingSchema {
  readonly type?: string;
  readonly default?: unknown;
  readonly scope?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: { readonly type?: string };
  readonly description?: string;
  readonly markdownDescription?: string;
}

const root = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, SettingSchema> };
    viewsWelcome: { contents: string }[];
  };
};
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('extension manifest', () => {
  it('contributes exactly the command ids of the COMMANDS table', () => {
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  });

  it('titles every command "FlowForge: …" through the category and a localized title', () => {
    for (const command of pkg.contributes.commands) {
      assert.equal(command.category, 'FlowForge', command.command);
      const key = /^%(.+)%$/.exec(command.title)?.[1];
      assert.ok(key && nls[key], `${command.command} has a localized title`);
    }
  });

  it('resolves every %key% of package.json in package.nls.json', () => {
    const text = readFileSync(join(root, 'package.json'), 'utf8');
    const keys = [...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.ok(keys.length > 10);
    for (const key of keys) {
      assert.ok(nls[key] !== undefined, `missing nls key ${key}`);
    }
  });

  it('uses only contributed commands in menus and welcome links', () => {
    const ids = new Set<string>(Object.values(COMMANDS));
    for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
      for (const item of items) {
        assert.ok(ids.has(item.command), `${menu} references ${item.command}`);
      }
    }
    for (const welcome of pkg.contributes.viewsWelcome) {
      const key = /^%(.+)%$/.exec(welcome.contents)?.[1];
      assert.ok(key && nls[key], `welcome view "${welcome.contents.slice(0, 40)}" is localized through package.nls.json`);
      for (const match of nls[key].matchAll(/command:(flowforge\.[A-Za-z]+)/g)) {
        assert.ok(ids.has(match[1]!), `welcome links ${match[1]}`);
      }
    }
  });

  it('matches context values with word boundaries so "run" never matches "rerunnable"', () => {
    for (const items of Object.values(pkg.contributes.menus)) {
      for (const item of items) {
        const match = /viewItem =~ \/(.+?)\//.exec(item.when ?? '');
        if (match) {
          assert.match(match[1]!, /^\\b\(.+\)\\b$|^\\b\w+\\b$/, item.when);
        }
      }
    }
  });

  it('describes every setting and keeps host URLs out of workspace settings', () => {
    for (const [key, schema] of Object.entries(pkg.contributes.configuration.properties)) {
      assert.ok(schema.description ?? schema.markdownDescription, `${key} has a description`);
      if (/apiUrl|\.url$|instances/.test(key)) {
        assert.ok(schema.scope === 'machine' || schema.scope === 'application', `${key} is machine/application scoped`);
      }
    }
  });

  it("contributes every provider descriptor's settings with the descriptor's schema", () => {
    const properties = pkg.contributes.configuration.properties;
    for (const descriptor of PROVIDERS) {
      for (const setting of descriptor.settings) {
        const name = `flowforge.${setting.key}`;
        const schema = properties[name];
        assert.ok(schema, `package.json contributes ${name} (${descriptor.kind} descriptor)`);
        assert.equal(schema.type, setting.type, `${name} type`);
        assert.deepEqual(schema.default, setting.default, `${name} default`);
        assert.equal(schema.scope, setting.scope, `${name} scope`);
        assert.equal(schema.minimum, setting.minimum, `${name} minimum`);
        assert.equal(schema.maximum, setting.maximum, `${name} maximum`);
        assert.equal(schema.items?.type, setting.items, `${name} items`);
        assert.equal(schema.markdownDescription, `%${setting.descriptionKey}%`, `${name} markdownDescription`);
        assert.ok(nls[setting.descriptionKey], `package.nls.json has ${setting.descriptionKey}`);
      }
    }
  });

  it('contributes no provider setting that a descriptor does not own', () => {
    const kinds = new Set(PROVIDERS.map((descriptor) => descriptor.kind));
    const owned = new Set(PROVIDERS.flatMap((descriptor) => descriptor.settings.map((setting) => `flowforge.${setting.key}`)));
    for (const name of Object.keys(pkg.contributes.configuration.properties)) {
      const kind = /^flowforge\.([^.]+)\./.exec(name)?.[1];
      if (kind !== undefined && kinds.has(kind)) {
        assert.ok(owned.has(name), `${name} belongs to the settings of the ${kind} descriptor`);
      }
    }
  });

  it('names only real provider features in menu conditions', () => {
    const known = new Set<string>(PROVIDER_FEATURES);
    let seen = 0;
    for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
      for (const item of items) {
        for (const match of (item.when ?? '').matchAll(/\\bfeature:([A-Za-z]+)\\b/g)) {
          seen += 1;
          assert.ok(known.has(match[1]!), `${menu} ${item.command}: feature:${match[1]} is one of PROVIDER_FEATURES`);
        }
      }
    }
    assert.ok(seen > 0, 'menus use feature flags');
  });
});
