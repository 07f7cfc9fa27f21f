import { strict as assert } from 'node:assert';
import { splitLinks, type LinkPart } from '../../../src/webview-ui/links';

function files(text: string): { path: string; line: number; column?: number }[] {
  return splitLinks(text)
    .filter((part): part is Extract<LinkPart, { t: 'file' }> => part.t === 'file')
    .map((part) => (part.column === undefined ? { path: part.path, line: part.line } : { path: part.path, line: part.line, column: part.column }));
}

describe('log links: file references keep the whole path', () => {
  it('keeps folders and dots of dot-files and dot-folders', () => {
    assert.deepEqual(files('tmp/.config-package.in:67: warning: unused option'), [{ path: 'tmp/.config-package.in', line: 67 }]);
    assert.deepEqual(files('Error in .github/workflows/ci.yml:12'), [{ path: '.github/workflows/ci.yml', line: 12 }]);
    assert.deepEqual(files('  src/.eslintrc.js:3 Parsing error'), [{ path: 'src/.eslintrc.js', line: 3 }]);
    assert.deepEqual(files('.env:2 is not allowed'), [{ path: '.env', line: 2 }]);
    assert.deepEqual(files('see ./lib/x.py:10:4'), [{ path: './lib/x.py', line: 10, column: 4 }]);
  });

  it('keeps the leading slash of absolute runner paths, and a drive letter', () => {
    assert.deepEqual(files('/builds/group/project/src/a.ts:5:2 - error TS2345'), [{ path: '/builds/group/project/src/a.ts', line: 5, column: 2 }]);
    assert.deepEqual(files('at Object.<anonymous> (/home/runner/work/r/r/test/a.test.js:14:9)'), [{ path: '/home/runner/work/r/r/test/a.test.js', line: 14, column: 9 }]);
    assert.deepEqual(files('D:\\a\\r\\r\\src\\main.rs:7:1'), [{ path: 'D:\\a\\r\\r\\src\\main.rs', line: 7, column: 1 }]);
  });

  it('links the text exactly as written and leaves the rest as text', () => {
    const text = 'x tmp/.config-package.in:67 y';
    const parts = splitLinks(text);
    assert.equal(parts.map((p) => p.text).join(''), text);
    assert.deepEqual(parts[1], { t: 'file', text: 'tmp/.config-package.in:67', path: 'tmp/.config-package.in', line: 67 });
  });

  it('does not start a link in the middle of a word or a URL', () => {
    assert.deepEqual(files('https://example.com/a/b.ts:3'), []);
    assert.deepEqual(files('time 12:30:00, version 1.2:3'), []);
  });
});
