// Builds the task pane into the API's wwwroot: one origin serves pane and API.
import { context } from 'esbuild';
import { mkdirSync, copyFileSync, writeFileSync, watchFile } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'api', 'wwwroot');
mkdirSync(join(out, 'assets'), { recursive: true });

const pane = {
  entryPoints: [join(here, 'src', 'main.tsx')],
  outfile: join(out, 'taskpane.js'),
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ['chrome110', 'edge110', 'safari16'],
  loader: { '.csv': 'text' },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  logLevel: 'warning',
};
const signIn = {
  entryPoints: [join(here, 'src', 'aanmelden.ts')],
  outfile: join(out, 'aanmelden.js'),
  bundle: true,
  minify: true,
  target: ['chrome110', 'edge110', 'safari16'],
  legalComments: 'linked',
  logLevel: 'warning',
};
// msal-browser 5's redirect bridge: the page registered as redirect URI, kept apart so it runs nothing else.
const bridge = { ...signIn, entryPoints: [join(here, 'src', 'aanmeldenTerug.ts')], outfile: join(out, 'aanmelden-terug.js') };
// msal-browser 5's popup relay: the top-level window a sign-in popup from the pane in Office on the web goes through.
const relay = { ...signIn, entryPoints: [join(here, 'src', 'aanmeldenVenster.ts')], outfile: join(out, 'aanmelden-venster.js') };

// `npm start` (--watch): rebuild on every change of the sources, for `dotnet watch` in api/ to serve; otherwise build once.
const watch = process.argv.includes('--watch');
const pages = ['taskpane.html', 'aanmelden.html', 'aanmelden-terug.html', 'aanmelden-venster.html'];
const copyPages = () => { for (const page of pages) copyFileSync(join(here, 'src', page), join(out, page)); };
copyPages();
for (const size of [16, 32, 64, 80]) writeFileSync(join(out, 'assets', `icon-${size}.png`), icon(size));
for (const options of [pane, signIn, bridge, relay]) {
  const ctx = await context({ ...options, logLevel: watch ? 'info' : options.logLevel });
  if (watch) {
    await ctx.watch();
  } else {
    await ctx.rebuild();
    await ctx.dispose();
  }
}
if (watch) {
  for (const page of pages) watchFile(join(here, 'src', page), copyPages);
  console.log(`Taakvenster: bouwt opnieuw bij elke wijziging in ${join(here, 'src')} (stoppen met Ctrl+C)`);
}
if (!watch) console.log(`Taakvenster gebouwd in ${out}`);

/** The add-in's icon, drawn here so no binary lives in the repository: a green tile with a white check mark. */
function icon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size, v = (y + 0.5) / size;
      const r = 0.18, corner = Math.hypot(Math.max(0, Math.abs(u - 0.5) - (0.5 - r)), Math.max(0, Math.abs(v - 0.5) - (0.5 - r)));
      const inside = corner <= r;
      const check = distanceToSegment(u, v, 0.25, 0.52, 0.43, 0.70) < 0.07 || distanceToSegment(u, v, 0.43, 0.70, 0.76, 0.32) < 0.07;
      const [R, G, B] = check ? [255, 255, 255] : [0x21, 0x73, 0x46];
      rgba.set(inside ? [R, G, B, 255] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  }
  return png(size, rgba);
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

function png(size, rgba) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4); header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) { c ^= b; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xEDB88320 & -(c & 1)); }
  return ~c >>> 0;
}
