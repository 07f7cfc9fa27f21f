/** A zip archive of text files, stored (no compression): what the fakes serve as zip artifacts. */

const CRC_TABLE = Array.from({ length: 256 }, (_v, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** DOS date of 2026-01-05, time 09:00. */
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 5;
const DOS_TIME = 9 << 11;

/** Little-endian fields, each [size in bytes, value]. */
function fields(...values: readonly (readonly [2 | 4, number])[]): Buffer {
  const out = Buffer.alloc(values.reduce((total, [size]) => total + size, 0));
  let at = 0;
  for (const [size, value] of values) {
    if (size === 2) out.writeUInt16LE(value, at);
    else out.writeUInt32LE(value, at);
    at += size;
  }
  return out;
}

export function storedZip(files: Readonly<Record<string, string>>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    // UTF-8 names, stored, the time and date, CRC-32, both sizes, the name's length.
    const entry: (readonly [2 | 4, number])[] = [[2, 0x0800], [2, 0], [2, DOS_TIME], [2, DOS_DATE], [4, crc32(data)], [4, data.length], [4, data.length], [2, nameBytes.length]];
    const local = fields([4, 0x04034b50], [2, 20], ...entry, [2, 0]);
    const central = fields([4, 0x02014b50], [2, 20], [2, 20], ...entry, [2, 0], [2, 0], [2, 0], [2, 0], [4, 0], [4, offset]);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const count = Object.keys(files).length;
  const end = fields([4, 0x06054b50], [2, 0], [2, 0], [2, count], [2, count], [4, directory.length], [4, offset], [2, 0]);
  return Buffer.concat([...locals, directory, end]);
}
