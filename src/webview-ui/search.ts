/**
 * Incremental search over log lines: plain or regex, case-sensitive or not. Lines appended
 * later are scanned on `extend` without rescanning earlier ones. Invalid regexes produce an
 * error message, never an exception. Pure.
 */

export interface SearchQuery {
  readonly text: string;
  readonly caseSensitive: boolean;
  readonly regex: boolean;
}

export interface Match {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** Stop collecting after this many matches (the count then shows a "+"). */
export const MAX_MATCHES = 1_000_000;

type Matcher = (text: string, line: number, out: Match[]) => void;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a query, or returns the regex syntax error. */
export function compileQuery(query: SearchQuery): { matcher: Matcher } | { error: string } {
  if (!query.regex && query.caseSensitive) {
    const needle = query.text;
    return {
      matcher: (text, line, out) => {
        let at = text.indexOf(needle);
        while (at >= 0) {
          out.push({ line, start: at, end: at + needle.length });
          at = text.indexOf(needle, at + needle.length);
        }
      },
    };
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(query.regex ? query.text : escapeRegex(query.text), query.caseSensitive ? 'g' : 'gi');
  } catch (error) {
    return { error: error instanceof Error ? error.message : 'Invalid regular expression' };
  }
  // A cheap non-global pre-test skips lines without a match.
  const probe = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  return {
    matcher: (text, line, out) => {
      if (!probe.test(text)) return;
      pattern.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = pattern.exec(text)) !== null) {
        if (match[0].length === 0) {
          // Empty matches (e.g. /x*/) are skipped, not highlighted.
          pattern.lastIndex++;
          continue;
        }
        out.push({ line, start: match.index, end: match.index + match[0].length });
      }
    },
  };
}

export class LogSearch {
  private matcher: Matcher | undefined;
  private scanned = 0;
  matches: Match[] = [];
  /** Index of the current match, -1 when none. */
  current = -1;
  error: string | undefined;
  query: SearchQuery = { text: '', caseSensitive: false, regex: false };

  constructor(private readonly lineText: (line: number) => string) {}

  /** Starts a new search over lines [0, lineCount). */
  set(query: SearchQuery, lineCount: number): void {
    this.query = query;
    this.matches = [];
    this.current = -1;
    this.scanned = 0;
    this.error = undefined;
    this.matcher = undefined;
    if (query.text === '') return;
    const compiled = compileQuery(query);
    if ('error' in compiled) {
      this.error = compiled.error;
      return;
    }
    this.matcher = compiled.matcher;
    this.extend(lineCount);
    this.current = this.matches.length > 0 ? 0 : -1;
  }

  /** Scans lines added since the last call. */
  extend(lineCount: number): void {
    const matcher = this.matcher;
    if (matcher === undefined) {
      this.scanned = lineCount;
      return;
    }
    for (let line = this.scanned; line < lineCount && this.matches.length < MAX_MATCHES; line++) {
      matcher(this.lineText(line), line, this.matches);
    }
    this.scanned = lineCount;
    if (this.current < 0 && this.matches.length > 0) this.current = 0;
  }

  next(): Match | undefined {
    return this.step(1);
  }
  prev(): Match | undefined {
    return this.step(-1);
  }

  /** Makes the first match at or after `line` current. */
  seek(line: number): Match | undefined {
    const index = this.firstIndexAtOrAfter(line);
    if (this.matches.length === 0) return undefined;
    this.current = index < this.matches.length ? index : 0;
    return this.matches[this.current];
  }

  /** Matches on one line, for highlighting. */
  inLine(line: number): Match[] {
    const result: Match[] = [];
    for (let i = this.firstIndexAtOrAfter(line); i < this.matches.length; i++) {
      const match = this.matches[i];
      if (match === undefined || match.line !== line) break;
      result.push(match);
    }
    return result;
  }

  private step(delta: number): Match | undefined {
    const count = this.matches.length;
    if (count === 0) return undefined;
    this.current = (((this.current + delta) % count) + count) % count;
    return this.matches[this.current];
  }

  private firstIndexAtOrAfter(line: number): number {
    let lo = 0;
    let hi = this.matches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.matches[mid]?.line ?? 0) < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
