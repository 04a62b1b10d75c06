// Running the command line from the report and dashboard tests (in this process; see test/cli-helper.ts).
import { join } from 'node:path';
import { REPO_ROOT } from '../shared.js';
import { cli as runCli, type CliResult } from '../cli-helper.js';

export const CLI = join(REPO_ROOT, 'src', 'cli', 'main.ts');

export function cli(...args: string[]): Promise<CliResult> {
  return runCli(args);
}
