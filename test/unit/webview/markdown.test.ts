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

  it('hands HTML blocks and inline HTML to the sanitizer as raw html nodes', () => {
    assert.deepEqual(parseMarkdown('<script>alert(1)</script>\n<img src=x onerror=alert(1)>'), [
      { t: 'html', html: '<script>alert(1)</script>' },
      { t: 'html', html: '<img src=x onerror=alert(1)>' },
    ]);
    assert.deepEqual(parseInline('a<br>b <b class="x">c</b> `<i>` 1 < 2'), [
      { t: 'text', text: 'a' },
      { t: 'html', html: '<br>' },
      { t: 'text', text: 'b ' },
      { t: 'html', html: '<b class="x">' },
      { t: 'text', text: 'c' },
      { t: 'html', html: '</b>' },
      { t: 'text', text: ' ' },
      { t: 'code', text: '<i>' },
      { t: 'text', text: ' 1 < 2' },
    ]);
  });

  it('puts Markdown between HTML blocks, as GitHub does for <details>', () => {
    const blocks = parseMarkdown('<details>\n<summary>Failures</summary>\n\n- one\n\n</details>\n\nAfter');
    assert.deepEqual(blocks.map((b) => b.t), ['html', 'list', 'html', 'paragraph']);
    assert.deepEqual(blocks[0], { t: 'html', html: '<details>\n<summary>Failures</summary>' });
    // A block-level tag interrupts a paragraph; a lone inline tag does not.
    assert.deepEqual(parseMarkdown('text\n<div>x</div>').map((b) => b.t), ['paragraph', 'html']);
    assert.deepEqual(parseMarkdown('text\n<span>x</span>').map((b) => b.t), ['paragraph']);
    // Raw-text blocks run to their closing tag, blank lines included; comments to -->.
    assert.deepEqual(parseMarkdown('<script>\n\nx\n</script>\ny').map((b) => b.t), ['html', 'paragraph']);
    assert.deepEqual(parseMarkdown('<!-- a\n\nb -->\ny').map((b) => b.t), ['html', 'paragraph']);
    // Indented four spaces it is code, not HTML.
    assert.deepEqual(parseMarkdown('    <div>x</div>'), [{ t: 'code', text: '<div>x</div>' }]);
  });

  it('reads ![alt](src) images', () => {
    assert.deepEqual(parseInline('![coverage 87%](https://img.shields.io/badge/c-87-green)'), [{ t: 'image', src: 'https://img.shields.io/badge/c-87-green', alt: 'coverage 87%' }]);
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
    // Unclosed tags and quoted attributes full of '<' stay bounded (each tag is at most 4 KiB).
    assert.doesNotThrow(() => parseMarkdown('<a x="'.repeat(40_000)));
    assert.doesNotThrow(() => parseMarkdown(`<a${' b'.repeat(100_000)}`));
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
