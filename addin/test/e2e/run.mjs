// Runs the end-to-end tests with node's test runner; TAP goes to the file named in E2E_TAP (for .ci/run).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = ['--test', '--test-concurrency=1', '--test-timeout=120000', '--test-reporter=spec', '--test-reporter-destination=stdout'];
if (process.env.E2E_TAP) args.push('--test-reporter=tap', `--test-reporter-destination=${process.env.E2E_TAP}`);
const result = spawnSync(process.execPath, [...args, join(here, 'bench.e2e.mjs'), join(here, 'excel.e2e.mjs'), join(here, 'regio.e2e.mjs')], { stdio: 'inherit' });
process.exit(result.status ?? 1);
