import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../../src/commands/ids';

const root = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { description?: string; markdownDescription?: string; scope?: string }> };
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
});
