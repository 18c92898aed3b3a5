// Packs an unpacked extension folder into the .zip the browser stores take: every file at the
// archive's root, in path order, deflated. Node's zlib only, so the build needs no zip tool.
// Usage: node extension-dev/zip.mjs DIR OUT_ZIP
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const [dir, outFile] = process.argv.slice(2);
if (!dir || !outFile) {
  console.error('usage: zip.mjs DIR OUT_ZIP');
  process.exit(2);
}

/** Every file under `root`, as paths relative to it with '/' separators, sorted. */
function filesUnder(root) {
  const found = [];
  const pending = [root];
  while (pending.length) {
    const folder = pending.pop();
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) found.push(relative(root, path).split(sep).join('/'));
    }
  }
  return found.sort();
}

/** A modification time as MS-DOS packs it: [time, date], local time, 2-second steps. */
function dosTime(date) {
  const year = Math.max(date.getFullYear(), 1980);
  return [
    (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  ];
}

const UTF8_NAMES = 0x0800;
const DEFLATE = 8;

/** The fields the local header and the central directory entry share, from `at` on: version
 * needed (deflate), flags, method, time, date, CRC-32, both sizes, name length. */
function writeShared(buffer, at, { time, date, crc, packed, size, nameLength }) {
  buffer.writeUInt16LE(20, at);
  buffer.writeUInt16LE(UTF8_NAMES, at + 2);
  buffer.writeUInt16LE(DEFLATE, at + 4);
  buffer.writeUInt16LE(time, at + 6);
  buffer.writeUInt16LE(date, at + 8);
  buffer.writeUInt32LE(crc, at + 10);
  buffer.writeUInt32LE(packed, at + 14);
  buffer.writeUInt32LE(size, at + 18);
  buffer.writeUInt16LE(nameLength, at + 22);
}
const local = [];
const central = [];
let offset = 0;
for (const name of filesUnder(dir)) {
  const path = join(dir, name);
  const data = readFileSync(path);
  const packed = deflateRawSync(data, { level: 9 });
  const stat = statSync(path);
  const [time, date] = dosTime(stat.mtime);
  const nameBytes = Buffer.from(name, 'utf8');
  const shared = { time, date, crc: crc32(data), packed: packed.length, size: data.length, nameLength: nameBytes.length };

  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  writeShared(header, 4, shared);
  local.push(header, nameBytes, packed);

  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, so the file mode below is read
  writeShared(entry, 6, shared);
  entry.writeUInt32LE(((stat.mode & 0o777) | 0o100000) * 0x10000, 38); // regular file
  entry.writeUInt32LE(offset, 42);
  central.push(entry, nameBytes);

  offset += header.length + nameBytes.length + packed.length;
}

const centralSize = central.reduce((sum, part) => sum + part.length, 0);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(central.length / 2, 8);
end.writeUInt16LE(central.length / 2, 10);
end.writeUInt32LE(centralSize, 12);
end.writeUInt32LE(offset, 16);
writeFileSync(outFile, Buffer.concat([...local, ...central, end]));
