// `npm run bench`: prints figures; asserts nothing. Each benchmark runs in its own process so that
// peak memory figures are its own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES: Array<[file: string, fn: string]> = [
  ['analyze.ts', 'benchAnalyze'],
  ['resolver.ts', 'benchResolver'],
  ['classify.ts', 'benchClassify'],
  ['analytics.ts', 'benchAnalytics'],
  ['scale.ts', 'benchScale'],
  ['grid.ts', 'benchGrid'],
];

const only = process.argv.slice(2);
for (const [file, fn] of BENCHES) {
  const path = join(import.meta.dirname, file);
  if (!existsSync(path) || (only.length && !only.some((o) => file.includes(o)))) continue;
  console.log(`\n== ${file}`);
  const script = `import(${JSON.stringify(path)}).then((m) => m.${fn}())`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = 1;
}
