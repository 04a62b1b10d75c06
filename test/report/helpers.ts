// Running the command line from the report and dashboard tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { REPO_ROOT } from '../shared.js';

export const CLI = join(REPO_ROOT, 'src', 'cli', 'main.ts');

export function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    cwd: REPO_ROOT,
    env: { ...process.env, COLLABSCOPE_HOME: mkdtempSync(join(tmpdir(), 'collabscope-home-')) },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
