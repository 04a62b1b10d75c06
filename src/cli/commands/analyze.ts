import { Option, type Command } from 'commander';
import { CollabscopeError } from '../../errors.js';
import { parsePair } from '../../definitions.js';
import type { AnalyzeRequest } from '../../run.js';
import { addDefinitionOptions, addQuietOption, definitionsFrom, parseYear, type DefinitionFlags } from '../options.js';
import { QUIET_FETCH_PROGRESS } from './fetch.js';
import { addLlmOptions, describeEstimate, describeLlmFieldsReport, describeLlmReport, llmFieldsFrom, llmOptionsFrom, llmPrices, type LlmFlags } from '../llm-options.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DB_FILE, REPORT_FILE } from '../../defaults.js';
import type { TechCount } from '../../classify/index.js';
import { print, printErr } from '../print.js';

interface AnalyzeFlags extends DefinitionFlags, LlmFlags {
  quiet?: boolean;
  sections?: string;
  out: string;
  pair: string;
  venue?: string;
  year?: string;
  format?: string;
  json?: boolean;
  email: boolean;
  db?: string | true;
  workers: string;
  offline?: boolean;
  report?: boolean;
  timings?: boolean;
  tech: string;
}

export function registerAnalyze(program: Command): void {
  const command = program
    .command('analyze')
    .summary('ingest paper lists, resolve affiliations, report country-pair collaboration')
    .description(
      'Read accepted-paper lists (Paper Copilot JSON, NeurIPS virtual-site JSON, CSV or JSONL), resolve ' +
        "every author's affiliation to an institution, country and sector, classify fields and technologies, " +
        'and count papers co-authored by the two countries of --pair. Writes papers.jsonl (one line per ' +
        'paper, with the evidence behind every affiliation) and summary.json to --out.',
    )
    .argument('<file...>', 'paper-list files (venue and year from the file name: nips2018.json -> NeurIPS 2018), or source specs fetched or reused from the cache: neurips:2025, openreview:2025, openalex:2025, papercopilot:iclr:2024')
    .option('-o, --out <dir>', 'output directory', 'collabscope-out')
    .option('-p, --pair <a,b>', 'the two countries to report on, ISO 3166-1 alpha-2', 'US,CN')
    .option('--venue <name>', 'venue name for every input file (instead of the file name)')
    .option('--year <yyyy>', 'year for every input file (instead of the file name)')
    .option('--format <format>', 'input format: papercopilot, neurips, csv, jsonl (default: detected from content)')
    .option('--json', 'print summary.json instead of tables')
    .option('--sections <list>', 'what to print: headline, coverage, counting, trend, fields, institutions, sectors, network, third-countries, dual, sensitivity, technology, or all (default: headline, trend, coverage, institutions, technology, sensitivity)')
    .option('--no-email', 'ignore e-mail domains: resolve from affiliation strings alone')
    .option('--offline', 'for source specs: use the cached copy, no network')
    .option(
      '--workers <n|classify|auto>',
      "worker threads: 1 runs everything in one thread; n > 1 resolves and classifies in n workers; 'classify' classifies in one worker beside the main thread; auto: several workers for inputs of 64 MiB or more on 4 or more cores, else 1 ('classify' is never chosen by auto: on two cores it saved about 10% at 100k papers for a third more CPU and memory); the output is the same in every mode",
      'auto',
    )
    .option('--report', `also write ${REPORT_FILE} (the charts, self-contained HTML) into the output directory`)
    .addOption(new Option('--tech <count>', 'technology flow counts used: papers that build on or evaluate it; mentions: every hit, mentions included').choices(['used', 'mentions']).default('used'))
    .option('--timings', 'print on stderr where the time went: load, index, read, resolve, classify, build, write, passes, analytics, report')
    .option('--db [file]', `also write the analysis into a DuckDB database (default file: ${DEFAULT_DB_FILE}); re-running a venue-year replaces that slice`);
  addQuietOption(command);
  addDefinitionOptions(command);
  addLlmOptions(command);
  command.action(async (files: string[], flags: AnalyzeFlags) => {
    // the pipeline is loaded here, not at start-up: `--help` and the other commands never load it
    const [{ estimateLlm, runAnalyze }, { parseFormat }, { parseSections, renderAnalyzeText }, { terminalProgress }, { SILENT_PROGRESS, stepAsync }] = await Promise.all([
      import('../../run.js'),
      import('../../sources/index.js'),
      import('../../report/analyze-text.js'),
      import('../progress.js'),
      import('../../pipeline.js'),
    ]);
    // the fetchers only for an input that is not a file (a source spec to download)
    const resolveInputs = async (inputs: string[], options: Parameters<typeof import('../../fetch/index.js').resolveInputs>[1]) =>
      inputs.every((input) => existsSync(input)) ? inputs : (await import('../../fetch/index.js')).resolveInputs(inputs, options);
    const timings = flags.timings ? new (await import('../../timings.js')).Timings() : undefined;
    // start-up: the process, Node and every module this command loaded
    timings?.add('load', performance.now());
    const pair = parsePair(flags.pair);
    const definitions = definitionsFrom(flags);
    const sections = parseSections(flags.sections);
    const request: AnalyzeRequest = {
      files: await resolveInputs(files, { offline: flags.offline, ...(flags.quiet ? { progress: QUIET_FETCH_PROGRESS } : {}) }),
      out: flags.out,
      pair,
      definitions,
      format: flags.format ? parseFormat(flags.format) : undefined,
      venue: flags.venue,
      year: flags.year ? parseYear(flags.year) : undefined,
      ignoreEmail: !flags.email,
      workers: parseWorkers(flags.workers),
      llm: flags.llm ? llmOptionsFrom(flags) : undefined,
      llmFields: llmFieldsFrom(flags),
      tech: flags.tech as TechCount,
      progress: terminalProgress(process.stderr, { quiet: flags.quiet }),
      timings,
      leanPapers: !flags.report && !flags.db, // the report and the database read titles and keywords
    };
    if (request.llm && flags.dryRun) {
      print(`${describeEstimate(await estimateLlm({ ...request, llm: request.llm }, llmPrices(flags)), request.llm)}\n`);
      return;
    }
    const dbFile = flags.db === true ? DEFAULT_DB_FILE : flags.db;
    let charts = 0;
    const { summary, dbSlices } = await runAnalyze({
      ...request,
      db: dbFile,
      extraWrite: flags.report
        ? async (dir, { summary, corpus }) => {
            const { writeReport } = await import('../../report/build.js');
            const write = () => writeReport({ summary, papers: corpus.papers }, { htmlFile: join(dir, REPORT_FILE), source: flags.out, version: program.version() });
            charts = (await stepAsync(request.progress ?? SILENT_PROGRESS, 'drawing the report', write)).charts.length;
          }
        : undefined,
    });
    if (dbFile && !flags.quiet) printErr(`database ${dbFile}: wrote ${(dbSlices ?? []).join(', ')}\n`);
    if (flags.report && !flags.quiet) printErr(`report ${join(flags.out, REPORT_FILE)}: ${charts} charts\n`);
    const report = () => {
      if (flags.json) {
        print(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        const width = process.stdout.isTTY ? process.stdout.columns : undefined;
        print(`${renderAnalyzeText(summary, { pair, definitions, sections, width })}\n`);
        if (summary.llm) print(`\n${describeLlmReport(summary.llm)}\n`);
        if (summary.llmFields) print(`${describeLlmFieldsReport(summary.llmFields)}\n`);
        print(`\nwrote ${flags.out}/papers.jsonl and ${flags.out}/summary.json\n`);
      }
    };
    if (timings) timings.time('report', report);
    else report();
    if (timings) printErr(`${timings.format()}\n`);
  });
}

function parseWorkers(text: string): number | 'auto' | 'classify' {
  if (text === 'auto' || text === 'classify') return text;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new CollabscopeError('E_BAD_ARGUMENT', `--workers must be auto, classify or a whole number from 1 to 64 (got "${text}")`);
  return n;
}
