// When an npm command fails, the reason is in npm's debug log, not always on stdout/stderr
// (under `npm run -s` nothing at all is printed): find that log and keep its telling tail.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const LOG_LINE = /A complete log of this run can be found in:\s*(\S+)/;

/** The debug log named in npm's output ("A complete log of this run can be found in: …"), if any. */
export function npmLogFromOutput(output) {
  const match = LOG_LINE.exec(output ?? '');
  return match ? match[1] : undefined;
}

/** npm's log directory for an environment (npm_config_logs_dir, else <npm cache>/_logs). */
export function npmLogsDir(env = process.env) {
  if (env.npm_config_logs_dir) return env.npm_config_logs_dir;
  return path.join(env.npm_config_cache ?? path.join(homedir(), '.npm'), '_logs');
}

/** The newest *-debug-*.log in `dir` written at or after `since` (ms), for an npm that printed nothing. */
export function newestNpmLog(dir, since) {
  let best;
  let names = [];
  try { names = readdirSync(dir); } catch { return undefined; }
  for (const name of names) {
    if (!/-debug-\d+\.log$/.test(name)) continue;
    const file = path.join(dir, name);
    let mtime = 0;
    try { mtime = statSync(file).mtimeMs; } catch { continue; }
    if (mtime + 1000 >= since && (!best || mtime > best.mtime)) best = { file, mtime };
  }
  return best?.file;
}

/** The last `lines` lines of a debug log that say something (no silly/timing/http chatter, no stack frames). */
export function npmLogTail(text, lines = 25) {
  const telling = text.split('\n').filter((line) => line.trim() && !/^\d+\s+(silly|timing|http)\b|^\d+\s+verbose stack\s+at /.test(line));
  return telling.slice(-lines).join('\n');
}

/**
 * A paragraph for an error message about a failed npm command: the tail of the log npm named in
 * `output`, or of the newest log written since `since`. Empty when there is no log.
 */
export function describeNpmLog(output, { since = 0, env = process.env, lines = 25 } = {}) {
  const file = npmLogFromOutput(output) ?? (since ? newestNpmLog(npmLogsDir(env), since) : undefined);
  if (!file) return '';
  let text;
  try { text = readFileSync(file, 'utf8'); } catch (err) {
    return `--- npm debug log ${file}: unreadable (${err instanceof Error ? err.message : String(err)})`;
  }
  return `--- tail of npm's debug log ${file} ---\n${npmLogTail(text, lines)}`;
}
