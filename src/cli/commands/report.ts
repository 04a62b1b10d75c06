import type { Command } from 'commander';
import { join } from 'node:path';
import { REPORT_FILE } from '../../defaults.js';
import { print } from '../print.js';
import { addQuietOption } from '../options.js';

export function registerReport(program: Command): void {
  const command = program
    .command('report')
    .summary('write a self-contained HTML report with charts (and PNGs) from an analyze run')
    .description(
      'Draw the analysis of an analyze output directory (summary.json and ' +
        'papers.jsonl) as one HTML file that opens with no network: collaboration ' +
        'trend with intervals, field lift, leading institutions, sector matrix, ' +
        'technology flow, the definition-sensitivity table and the institution ' +
        'network. Captions state the definitions in force. --png also writes each ' +
        'chart as a PNG.',
    )
    .requiredOption('--from <dir>', 'output directory of an analyze run')
    .option('--html <file>', `HTML file to write (default: <dir>/${REPORT_FILE})`)
    .option('--png <dir>', 'also write each chart as <dir>/<chart>.png');
  addQuietOption(command).action(async (flags: { from: string; html?: string; png?: string; quiet?: boolean }) => {
    const [{ readRun, writeReport }, { terminalProgress }, { stepAsync }] = await Promise.all([import('../../report/build.js'), import('../progress.js'), import('../../pipeline.js')]);
    const run = readRun(flags.from);
    const progress = terminalProgress(process.stderr, { quiet: flags.quiet });
    const write = () => writeReport(run, { htmlFile: flags.html ?? join(flags.from, REPORT_FILE), pngDir: flags.png, source: flags.from, version: program.version() });
    const result = await stepAsync(progress, flags.png ? 'drawing the report and PNGs' : 'drawing the report', write);
    print(`wrote ${result.html} (${result.charts.length} charts)\n`);
    if (result.pngs.length) print(`wrote ${result.pngs.length} PNG files to ${flags.png}\n`);
  });
}
