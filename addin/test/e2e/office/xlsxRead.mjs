// Reads the sheets of an .xlsx (or the files of any zip) in Node, for the end-to-end tests: what the API made is put
// into the fake Excel, and what the pane produced is checked cell by cell.
import { inflateRawSync } from 'node:zlib';

/** The files of a zip by name. */
export function unzip(buffer) {
  const files = new Map();
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + compressed);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&')
  .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16)));

function texts(xml) {
  return [...xml.matchAll(/<t[^>]*>([\s\S]*?)<\/t>|<t[^>]*\/>/g)].map((m) => unescape(m[1] ?? '')).join('');
}

function columnIndex(ref) {
  let n = 0;
  for (const ch of ref.replace(/\d+/g, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Sheets in workbook order: { name, state, grid } with numbers as numbers and text as text. */
export function readXlsx(buffer) {
  const files = unzip(buffer);
  // Element prefixes dropped (the Open XML SDK writes <x:sheet>), attributes kept.
  const text = (name) => (files.get(name)?.toString('utf8') ?? '').replace(/<(\/?)[A-Za-z]\w*:/g, '<$1');
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));
  const rels = new Map([...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*>/g)].map((m) => [
    /Id="([^"]+)"/.exec(m[0])[1], /Target="([^"]+)"/.exec(m[0])[1].replace(/^\/?(xl\/)?/, 'xl/')]));
  return [...text('xl/workbook.xml').matchAll(/<sheet [^>]*\/>/g)].map((m) => {
    const name = unescape(/name="([^"]*)"/.exec(m[0])[1]);
    const state = /state="([^"]*)"/.exec(m[0])?.[1] ?? 'visible';
    const xml = text(rels.get(/r:id="([^"]+)"/.exec(m[0])[1]));
    const grid = [];
    for (const row of xml.matchAll(/<row [^>]*?r="(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const r = Number(row[1]) - 1;
      while (grid.length <= r) grid.push([]);
      for (const c of (row[2] ?? '').matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = /r="([A-Z]+\d+)"/.exec(c[1])[1];
        const type = /t="(\w+)"/.exec(c[1])?.[1];
        const v = /<v>([\s\S]*?)<\/v>/.exec(c[2] ?? '')?.[1];
        const value = type === 's' ? shared[Number(v)] : type === 'inlineStr' ? texts(c[2] ?? '') : type === 'str' ? unescape(v ?? '')
          : type === 'b' ? v === '1' : v === undefined ? null : Number(v);
        const cells = grid[r];
        const ci = columnIndex(ref);
        while (cells.length < ci) cells.push(null);
        cells[ci] = value;
      }
    }
    return { name, state, grid };
  });
}
