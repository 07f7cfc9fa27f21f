/** An artifact's name made safe as one file name: no path separators, control characters or leading dots. */
export function safeFileName(name: string, fallback = 'artifact'): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/^[.\s]+/, '').trim();
  return cleaned === '' ? fallback : cleaned.slice(0, 200);
}
