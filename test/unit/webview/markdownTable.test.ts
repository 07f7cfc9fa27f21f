import assert from 'node:assert/strict';
import { parseMarkdown } from '../../../src/webview-ui/markdown';
import { MAX_TABLE_ROWS, splitRow } from '../../../src/webview-ui/markdownTable';

describe('markdown tables', () => {
  it('parses a GitHub-flavoured table with alignment and inline cells', () => {
    const blocks = parseMarkdown('Results:\n\n| Suite | Passed | Failed |\n| :--- | ---: | :-: |\n| **unit** | 12 | 1 |\n| e2e `ui` | 3 | 0 |\n\nAfter');
    const table = blocks.find((b) => b.t === 'table');
    assert.ok(table && table.t === 'table');
    assert.deepEqual(table.align, ['left', 'right', 'center']);
    assert.deepEqual(table.header.map((cell) => cell.map((i) => (i.t === 'text' ? i.text : i.t))), [['Suite'], ['Passed'], ['Failed']]);
    assert.equal(table.rows.length, 2);
    assert.equal(table.rows[0]?.[0]?.[0]?.t, 'strong');
    assert.equal(blocks.at(-1)?.t, 'paragraph');
  });

  it('hands HTML in cells to the sanitizer and pads short rows', () => {
    const blocks = parseMarkdown('| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> |\n');
    const table = blocks[0];
    assert.ok(table && table.t === 'table');
    assert.deepEqual(table.rows[0], [[{ t: 'html', html: '<img src=x onerror=alert(1)>' }], []]);
  });

  it('is not a table without a matching delimiter row', () => {
    assert.equal(parseMarkdown('| a | b |\n| not a delimiter |').some((b) => b.t === 'table'), false);
    assert.equal(parseMarkdown('a | b\n---').some((b) => b.t === 'table'), false);
  });

  it('splits escaped pipes and caps rows', () => {
    assert.deepEqual(splitRow('| a \\| b | c |'), ['a | b', 'c']);
    const many = ['| n |', '|---|', ...Array.from({ length: MAX_TABLE_ROWS + 50 }, (_, i) => `| ${i} |`)].join('\n');
    const table = parseMarkdown(many)[0];
    assert.ok(table && table.t === 'table');
    assert.equal(table.rows.length, MAX_TABLE_ROWS);
  });
});
