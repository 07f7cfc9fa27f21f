/* eslint-disable no-control-regex -- matching escape characters is the point of this file */

/** Removes terminal escape sequences (colours, cursor moves, OSC titles and hyperlinks) from log text. */
export function plainLog(text: string): string {
  return (
    text
      // OSC ... BEL or ST (keeps nothing of the sequence itself; OSC 8 link text stays as it is outside)
      .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '')
      // CSI sequences: ESC [ params intermediates final
      .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
      // Any other two-character escape
      .replace(/\u001b[@-Z\\-_]/g, '')
  );
}
