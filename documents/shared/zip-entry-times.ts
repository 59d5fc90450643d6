/**
 * Sets every entry's modification time in a ZIP archive (the XLSX container) to one instant, in place.
 *
 * exceljs' streaming writer zips through archiver, which stamps each entry with the time it was added
 * (`new Date()`), some of them inside the writer's constructor, before any option could be given; so two
 * renders of the same workbook differ in those bytes only. The DOS time and date of each entry sit at
 * fixed offsets of its local header and of its central directory record (neither is covered by the
 * entries' CRCs), found here by walking the central directory from its end record — never by searching
 * for signatures in compressed data. DOS times are in UTC here (archiver's default) with 2-second steps;
 * years before 1980 become 1980-01-01.
 */
export function setZipEntryTimes(zip: Buffer, at: Date): Buffer {
  const { time, date } = dosDateTime(at);
  const end = endOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`ZIP central directory record ${i} not found at ${offset}`);
    zip.writeUInt16LE(time, offset + 12);
    zip.writeUInt16LE(date, offset + 14);
    const local = zip.readUInt32LE(offset + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`ZIP local header of entry ${i} not found at ${local}`);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return zip;
}

/** The end-of-central-directory record's offset (searched backwards over the comment, at most 64 KiB). */
function endOfCentralDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw new Error('not a ZIP archive: no end of central directory record');
}

function dosDateTime(at: Date): { time: number; date: number } {
  if (at.getUTCFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}
