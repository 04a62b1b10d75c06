#!/usr/bin/env node
// Entry point: argument parsing only. Each command lives in src/cli/commands/<name>.ts.
import { Command, CommanderError } from 'commander';
import { fsErrorText, isCollabscopeError, isSystemError } from '../errors.js';
import { terminalLine } from '../report/terminal.js';
import { printErr } from './print.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerExplain } from './commands/explain.js';
import { registerPapers } from './commands/papers.js';
import { registerEval } from './commands/eval.js';
import { registerUnresolved } from './commands/unresolved.js';
import { registerKb } from './commands/kb.js';
import { registerExport, registerSql } from './commands/store.js';
import { registerFetch, registerKbUpdate } from './commands/fetch.js';
import { registerCompare } from './commands/compare.js';
import { registerReport } from './commands/report.js';
import { registerServe } from './commands/serve.js';
import { registerGrid } from './commands/grid.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('collabscope')
    .description(
      'Measure international research collaboration from conference paper metadata. ' +
        'Ingest accepted-paper lists, resolve affiliations to institutions and countries, ' +
        'classify fields and technologies, and report collaboration between countries.',
    )
    .version('0.1.0')
    // before the commands are added, so that they inherit these: a usage error is one line like every
    // other error ("collabscope: unknown option '--ot' (Did you mean --out?) (run with --help for usage)"),
    // and `<command> --help` throws, not process.exit
    .configureOutput({ outputError: (message) => printErr(usageErrorLine(message)) })
    .exitOverride();
  registerAnalyze(program);
  registerExplain(program);
  registerPapers(program);
  registerEval(program);
  registerUnresolved(program);
  registerKb(program);
  registerSql(program);
  registerExport(program);
  registerFetch(program);
  registerCompare(program);
  registerReport(program);
  registerServe(program);
  registerGrid(program);
  registerKbUpdate(program); // after the kb command is registered: adds `kb update` to it
  return program;
}

/** Commander's message ("error: ...", with a suggestion on a line of its own) as one line of ours. */
export function usageErrorLine(message: string): string {
  return `collabscope: ${terminalLine(message.trim().replace(/^error: /, ''))} (run with --help for usage)\n`;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isCollabscopeError(error)) {
      printErr(`collabscope: ${terminalLine(error.message)}\n`);
      return 1;
    }
    // A file-system failure nothing above turned into a message (a full disk, a path under /proc):
    // still one line. Anything else is a bug: one line too, the stack only with COLLABSCOPE_DEBUG=1.
    if (isSystemError(error)) {
      printErr(`collabscope: ${terminalLine(`${error.path ? `${error.path}: ` : ''}${fsErrorText(error)}`)}\n`);
      return 1;
    }
    if (process.env.COLLABSCOPE_DEBUG) throw error;
    printErr(`collabscope: internal error: ${terminalLine(String((error as Error)?.message ?? error))} (COLLABSCOPE_DEBUG=1 shows the stack)\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(
  (await import('node:fs')).realpathSync(process.argv[1]),
).href;
if (invokedDirectly) {
  // Exit once what was printed has reached the pipe: process.exit drops queued writes to a pipe.
  main().then((code) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code))));
}
