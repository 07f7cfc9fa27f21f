import { strict as assert } from 'node:assert';
import { BOLD, DEFAULT_STYLE, DIM, INVERSE, ITALIC, UNDERLINE, parseAnsi, stripAnsi } from '../../../src/webview-ui/ansi';
import { colorValue, cssForStyle } from '../../../src/webview-ui/ansiCss';

describe('webview ansi parser', () => {
  it('passes plain text through as one default span', () => {
    const parsed = parseAnsi('hello world');
    assert.equal(parsed.text, 'hello world');
    assert.deepEqual(parsed.spans, [{ text: 'hello world', style: DEFAULT_STYLE }]);
    assert.equal(parsed.end, DEFAULT_STYLE);
  });

  it('applies 16-colour foreground/background and bright colours', () => {
    const parsed = parseAnsi('\x1b[31mred\x1b[42;97mbright\x1b[0m plain');
    assert.equal(parsed.text, 'redbright plain');
    assert.deepEqual(parsed.spans.map((s) => [s.text, s.style.fg, s.style.bg]), [
      ['red', 1, -1],
      ['bright', 15, 2],
      [' plain', -1, -1],
    ]);
  });

  it('parses 256-colour and truecolour, in ; and : forms', () => {
    const [a, b, c] = parseAnsi('\x1b[38;5;196ma\x1b[48;2;10;20;30mb\x1b[38:2::1:2:3mc').spans;
    assert.equal(a?.style.fg, 196);
    assert.equal(b?.style.bg, 256 + ((10 << 16) | (20 << 8) | 30));
    assert.equal(c?.style.fg, 256 + ((1 << 16) | (2 << 8) | 3));
    assert.equal(colorValue(196), '#ff0000');
    assert.equal(colorValue(256 + 0x0a141e), '#0a141e');
    assert.equal(colorValue(232), '#080808');
  });

  it('sets and partially resets attributes (22, 23, 24, 27, 39, 49)', () => {
    let style = parseAnsi('\x1b[1;2;3;4;7;33;44mx').end;
    assert.equal(style.flags, BOLD | DIM | ITALIC | UNDERLINE | INVERSE);
    style = parseAnsi('\x1b[22mx', style).end;
    assert.equal(style.flags, ITALIC | UNDERLINE | INVERSE);
    style = parseAnsi('\x1b[23;24;27mx', style).end;
    assert.equal(style.flags, 0);
    style = parseAnsi('\x1b[39mx', style).end;
    assert.equal(style.fg, -1);
    assert.equal(style.bg, 4);
    style = parseAnsi('\x1b[49m', style).end;
    assert.equal(style, DEFAULT_STYLE);
    assert.equal(parseAnsi('\x1b[1m\x1b[mx').end, DEFAULT_STYLE, 'ESC[m resets');
  });

  it('carries the style across lines through `start`', () => {
    const first = parseAnsi('\x1b[32mgreen starts');
    const second = parseAnsi('still green\x1b[0m', first.end);
    assert.equal(second.spans[0]?.style.fg, 2);
    assert.equal(second.end, DEFAULT_STYLE);
  });

  it('strips other CSI, OSC (keeping OSC 8 link text) and charset escapes', () => {
    assert.equal(stripAnsi('\x1b[2K\x1b[1Gdone\x1b[?25l'), 'done');
    assert.equal(stripAnsi('see \x1b]8;;https://evil.example/\x07the docs\x1b]8;;\x07 now'), 'see the docs now');
    assert.equal(stripAnsi('a\x1b]8;;javascript:alert(1)\x1b\\b\x1b]8;;\x1b\\c'), 'abc');
    assert.equal(stripAnsi('\x1b(Btext\x1b7\x1bc'), 'text');
    assert.equal(stripAnsi('\x1bP1$r0m\x1b\\x'), 'x');
  });

  it('never throws on malformed or truncated escapes and drops control characters', () => {
    const hostile = ['\x1b', '\x1b[', '\x1b[38;5m', '\x1b[38;2;1m', '\x1b[999999999999999999999m', '\x1b]8;;unterminated', '\x1b[1;2', 'a\x1b[\u0000b', '\x1b[38;5;999mx', '\x1b[<0mx', 'bell\x07back\bspace\x00'];
    for (const input of hostile) {
      assert.doesNotThrow(() => parseAnsi(input), JSON.stringify(input));
    }
    assert.equal(stripAnsi('bell\x07back\bspace\x00\ttab'), 'bellbackspace\ttab');
    assert.equal(parseAnsi('\x1b[38;5;999mx').spans[0]?.style.fg, 255);
  });

  it('merges adjacent text of the same style', () => {
    assert.equal(parseAnsi('a\x1b[1m\x1b[22mb\x1b[Kc').spans.length, 1);
  });

  it('maps styles to classes and inline colours', () => {
    assert.deepEqual(cssForStyle({ fg: 1, bg: 12, flags: BOLD | UNDERLINE }), { className: 'a-f1 a-b12 a-bold a-underline' });
    assert.deepEqual(cssForStyle({ fg: 256 + 0xff8800, bg: -1, flags: 0 }), { className: '', color: '#ff8800' });
    assert.deepEqual(cssForStyle({ fg: -1, bg: -1, flags: INVERSE }), { className: 'a-f-inv a-b-inv' });
  });
});
