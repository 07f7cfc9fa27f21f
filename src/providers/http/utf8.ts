/** Byte-range log reads (GitLab traces, Buildkite log tails) may end inside a UTF-8 character. */

/** Length of the longest prefix of `bytes` that ends on a UTF-8 character boundary. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  // Look back at most 3 bytes for the lead byte of a trailing, possibly cut, sequence.
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const byte = bytes[i] ?? 0;
    if ((byte & 0xc0) === 0x80) {
      continue; // continuation byte
    }
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return end - i >= needed ? end : i;
  }
  return end;
}
