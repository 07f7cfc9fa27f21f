/**
 * Classification of one raw log line: GitHub timestamps and workflow commands,
 * GitLab collapsible section markers, Buildkite timestamp markers and `---`/`+++`/`~~~`
 * group headers, and `\r` progress output. Pure.
 */

export const LineKind = {
  normal: 0,
  error: 1,
  warning: 2,
  notice: 3,
  debug: 4,
  command: 5,
  /** Header of a group or section. */
  header: 6,
} as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];

export type LineEvent =
  | { readonly t: 'line'; readonly content: string; readonly kind: LineKind; readonly timestamp: string }
  | { readonly t: 'groupStart'; readonly title: string; readonly timestamp: string }
  | { readonly t: 'groupEnd' }
  | { readonly t: 'sectionStart'; readonly name: string; readonly title: string; readonly collapsed: boolean; readonly timestamp: string }
  | { readonly t: 'sectionEnd'; readonly name: string }
  /** Buildkite `--- title` (collapsed), `+++ title` (expanded), `~~~ title` (collapsed): a group until the next header. */
  | { readonly t: 'bkGroup'; readonly title: string; readonly collapsed: boolean; readonly timestamp: string }
  /** Buildkite `^^^ +++`: expand the group the log is in. */
  | { readonly t: 'bkExpand' };

export interface ClassifyOptions {
  /** The log is a Buildkite job log: `--- `, `+++ `, `~~~ ` and `^^^ +++` lines are group headers. */
  readonly buildkite?: boolean;
}

/** GitHub's line prefix: a timestamp and a space, or the timestamp alone on a blank line. */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z(?: |$)/;
const GH_COMMAND = /^##\[(group|endgroup|error|warning|notice|debug|command|section)\]/;
const WF_COMMAND = /^::(error|warning|notice|debug|group|endgroup)(?: ([^:]*))?::(.*)$/s;
// A marker ends with `\r` (the runner's live trace) or with the line (some runners and exports).
// eslint-disable-next-line no-control-regex
const SECTION = /(?:\x1b\[0K)?section_(start|end):(\d+):([A-Za-z0-9_.-]+)(\[[^\]\r]*\])?(?:\r|$)(?:\x1b\[0K)?/g;

// Buildkite agent timestamps: APC `ESC _ bk;t=<epoch ms> BEL` (or ST) before a line or a redraw.
// eslint-disable-next-line no-control-regex
const BK_MARKER = /\x1b_bk;([^\x07\x1b]*)(?:\x07|\x1b\\)/g;
// eslint-disable-next-line no-control-regex
const BK_HEADER = /^(?:\x1b\[[0-9;]*m)*(---|\+\+\+|~~~) (.*)$/s;
// eslint-disable-next-line no-control-regex
const BK_EXPAND = /^(?:\x1b\[[0-9;]*m)*\^\^\^ \+\+\+\s*(?:\x1b\[[0-9;]*m)*$/;

/** True when a raw line carries a Buildkite timestamp marker. */
export function hasBuildkiteMarker(raw: string): boolean {
  return raw.includes('\x1b_bk;');
}

/** Removes Buildkite markers; returns the text and the first marker's time as ISO 8601 ('' when none). */
export function stripBuildkiteMarkers(text: string): { readonly text: string; readonly timestamp: string } {
  let timestamp = '';
  BK_MARKER.lastIndex = 0;
  const stripped = text.replace(BK_MARKER, (_whole, params: string) => {
    const ms = /(?:^|;)t=(\d{1,15})(?:;|$)/.exec(params)?.[1];
    if (timestamp === '' && ms !== undefined) {
      const date = new Date(Number(ms));
      timestamp = Number.isNaN(date.getTime()) ? '' : date.toISOString();
    }
    return '';
  });
  return { text: stripped, timestamp };
}

function buildkiteEvents(text: string, timestamp: string, out: LineEvent[]): boolean {
  const content = lastCarriageSegment(text);
  if (BK_EXPAND.test(content)) {
    out.push({ t: 'bkExpand' });
    return true;
  }
  const header = BK_HEADER.exec(content);
  if (header === null) {
    return false;
  }
  out.push({ t: 'bkGroup', title: header[2] ?? '', collapsed: header[1] !== '+++', timestamp });
  return true;
}

const KIND_BY_NAME: Readonly<Record<string, LineKind>> = {
  error: LineKind.error,
  warning: LineKind.warning,
  notice: LineKind.notice,
  debug: LineKind.debug,
  command: LineKind.command,
  section: LineKind.command,
};

/** Keeps what a terminal would show for progress output: the last non-empty `\r` segment. */
export function lastCarriageSegment(text: string): string {
  if (!text.includes('\r')) {
    return text;
  }
  const parts = text.split('\r');
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i];
    // A segment holding only escapes (e.g. ESC[0K) does not count as content.
    // eslint-disable-next-line no-control-regex
    if (part !== undefined && part.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '') !== '') {
      return part;
    }
  }
  return '';
}

/** Parses `file=a.ts,line=3,col=4,title=T` properties of a `::error` command. */
function workflowProperties(text: string | undefined): Map<string, string> {
  const props = new Map<string, string>();
  for (const pair of (text ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) {
      props.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  return props;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/gi, '').replace(/%0A/gi, ' ').replace(/%25/g, '%');
}

function workflowCommand(match: RegExpExecArray, timestamp: string, out: LineEvent[]): void {
  const name = match[1] ?? '';
  const message = unescapeData(match[3] ?? '');
  if (name === 'group') {
    out.push({ t: 'groupStart', title: message, timestamp });
    return;
  }
  if (name === 'endgroup') {
    out.push({ t: 'groupEnd' });
    return;
  }
  const props = workflowProperties(match[2]);
  const file = props.get('file');
  const line = props.get('line');
  const col = props.get('col');
  const title = props.get('title');
  let location = '';
  if (file !== undefined && file !== '') {
    location = file + (line !== undefined && /^\d+$/.test(line) ? `:${line}` + (col !== undefined && /^\d+$/.test(col) ? `:${col}` : '') : '');
  }
  const prefix = [location, title].filter((p) => p !== undefined && p !== '').join(' ');
  out.push({ t: 'line', content: prefix === '' ? message : `${prefix}: ${message}`, kind: KIND_BY_NAME[name] ?? LineKind.normal, timestamp });
}

function contentEvents(text: string, timestamp: string, out: LineEvent[]): void {
  const content = lastCarriageSegment(text);
  if (content.charCodeAt(0) === 0x23 /* # */) {
    const match = GH_COMMAND.exec(content);
    if (match !== null) {
      const name = match[1] ?? '';
      const rest = content.slice(match[0].length);
      if (name === 'group') {
        out.push({ t: 'groupStart', title: rest, timestamp });
      } else if (name === 'endgroup') {
        out.push({ t: 'groupEnd' });
      } else {
        out.push({ t: 'line', content: rest, kind: KIND_BY_NAME[name] ?? LineKind.normal, timestamp });
      }
      return;
    }
  } else if (content.charCodeAt(0) === 0x3a /* : */ && content.charCodeAt(1) === 0x3a) {
    const match = WF_COMMAND.exec(content);
    if (match !== null) {
      workflowCommand(match, timestamp, out);
      return;
    }
  }
  out.push({ t: 'line', content, kind: LineKind.normal, timestamp });
}

function sectionEvents(text: string, timestamp: string, out: LineEvent[]): void {
  SECTION.lastIndex = 0;
  let pos = 0;
  let match: RegExpExecArray | null;
  let pendingStart: { name: string; collapsed: boolean } | undefined;
  const flushText = (segment: string): void => {
    if (pendingStart !== undefined) {
      out.push({ t: 'sectionStart', name: pendingStart.name, title: lastCarriageSegment(segment), collapsed: pendingStart.collapsed, timestamp });
      pendingStart = undefined;
      // eslint-disable-next-line no-control-regex
    } else if (lastCarriageSegment(segment).replace(/\x1b\[[0-9;]*[A-Za-z]/g, '') !== '') {
      contentEvents(segment, timestamp, out);
    }
  };
  while ((match = SECTION.exec(text)) !== null) {
    flushText(text.slice(pos, match.index));
    pos = match.index + match[0].length;
    const name = match[3] ?? '';
    if (match[1] === 'start') {
      pendingStart = { name, collapsed: /collapsed=true/.test(match[4] ?? '') };
    } else {
      out.push({ t: 'sectionEnd', name });
    }
  }
  flushText(text.slice(pos));
}

/** Appends the events of one raw line (no `\n`, trailing `\r` allowed) to `out`. */
export function classifyLine(raw: string, out: LineEvent[], options: ClassifyOptions = {}): void {
  let text = raw.charCodeAt(raw.length - 1) === 0x0d ? raw.slice(0, -1) : raw;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  let timestamp = '';
  if (hasBuildkiteMarker(text)) {
    const stripped = stripBuildkiteMarkers(text);
    text = stripped.text;
    timestamp = stripped.timestamp;
  }
  if (options.buildkite === true && buildkiteEvents(text, timestamp, out)) {
    return;
  }
  if (timestamp === '' && text.length >= 20 && text.charCodeAt(4) === 0x2d && text.charCodeAt(10) === 0x54) {
    const match = TIMESTAMP.exec(text);
    if (match !== null) {
      timestamp = match[0].trimEnd();
      text = text.slice(match[0].length);
    }
  }
  if (text.includes('section_')) {
    sectionEvents(text, timestamp, out);
  } else {
    contentEvents(text, timestamp, out);
  }
}
