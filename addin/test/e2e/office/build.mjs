// Bundles the Office stub for the end-to-end tests (into a temporary file the harness serves at office.js's address).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));

export async function officeStub() {
  const outfile = join(tmpdir(), `migratieaddin-office-stub-${process.pid}.js`);
  await build({ entryPoints: [join(here, 'stub.ts')], outfile, bundle: true, format: 'iife', target: ['chrome110'], logLevel: 'warning' });
  return readFileSync(outfile, 'utf8');
}
