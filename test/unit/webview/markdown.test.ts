import { strict as assert } from 'node:assert';
import { parseInline, parseMarkdown, safeHref } from '../../../src/webview-ui/markdown';
import { splitLinks } from '../../../src/webview-ui/links';

describe('webview safe markdown', () => {
  it('parses headings, paragraphs, lists, code and rules', () => {
    const blocks = parseMarkdown('# Title\n\nSome *em* and **strong** `code`.\n\n- one\n- two\n\n1. first\n\n```js\nlet x = 1;\n```\n\n---\n> quoted');
    assert.deepEqual(blocks.map((b) => b.t), ['heading', 'paragraph', 'list', 'list', 'code', 'rule', 'quote']);
    assert.deepEqual(blocks[1], {
      t: 'paragraph',
      children: [
        { t: 'text', text: 'Some ' },
        { t: 'em', children: [{ t: 'text', text: 'em' }] },
        { t: 'text', text: ' and ' },
        { t: 'strong', children: [{ t: 'text', text: 'strong' }] },
        { t: 'text', text: ' ' },
        { t: 'code', text: 'code' },
        { t: 'text', text: '.' },
      ],
    });
    assert.deepEqual(blocks[4], { t: 'code', text: 'let x = 1;' });
  });

  it('keeps HTML as literal text', () => {
    const blocks = parseMarkdown('<script>alert(1)</script>\n<img src=x onerror=alert(1)>');
    assert.deepEqual(blocks, [{ t: 'paragraph', children: [{ t: 'text', text: '<script>alert(1)</script>' }, { t: 'br' }, { t: 'text', text: '<img src=x onerror=alert(1)>' }] }]);
  });

  it('keeps only http(s) links', () => {
    assert.deepEqual(parseInline('[ok](https://example.com/a)'), [{ t: 'link', href: 'https://example.com/a', children: [{ t: 'text', text: 'ok' }] }]);
    assert.deepEqual(parseInline('[x](javascript:alert(1))').some((n) => n.t === 'link'), false);
    assert.deepEqual(parseInline('[x](data:text/html,hi)'), [{ t: 'text', text: 'x' }]);
    assert.deepEqual(parseInline('[x](vbscript:msgbox)'), [{ t: 'text', text: 'x' }]);
    assert.equal(safeHref(' JAVASCRIPT:alert(1)'), undefined);
    assert.equal(safeHref('https://a:b@example.com'), undefined);
    assert.equal(parseInline('<https://example.com>')[0]?.t, 'link');
  });

  it('survives deeply nested and huge input', () => {
    assert.doesNotThrow(() => parseMarkdown('*'.repeat(10_000) + '['.repeat(5000) + '>'.repeat(5000)));
    assert.doesNotThrow(() => parseMarkdown('**a '.repeat(2000)));
  });
});

describe('webview log links', () => {
  it('finds file references and URLs', () => {
    assert.deepEqual(splitLinks('at src/app/main.ts:12:5 failed'), [
      { t: 'text', text: 'at ' },
      { t: 'file', text: 'src/app/main.ts:12:5', path: 'src/app/main.ts', line: 12, column: 5 },
      { t: 'text', text: ' failed' },
    ]);
    assert.deepEqual(splitLinks('see https://example.com/x.'), [
      { t: 'text', text: 'see ' },
      { t: 'url', text: 'https://example.com/x', url: 'https://example.com/x' },
      { t: 'text', text: '.' },
    ]);
    assert.deepEqual(splitLinks('Cargo.toml:3'), [{ t: 'file', text: 'Cargo.toml:3', path: 'Cargo.toml', line: 3 }]);
    assert.deepEqual(splitLinks('time 12:30:00 no file'), [{ t: 'text', text: 'time 12:30:00 no file' }]);
    assert.deepEqual(splitLinks('javascript:alert(1)'), [{ t: 'text', text: 'javascript:alert(1)' }]);
  });
});
