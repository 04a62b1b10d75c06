import type { Command } from 'commander';
import { CollabscopeError } from '../../errors.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../defaults.js';
import { print } from '../print.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .summary('open a local web dashboard on an analyze run')
    .description(
      "Serve a dashboard over an analyze output directory: the report's charts, " +
        'recomputed live for filters (venue, year, field, sector, institution), ' +
        'another pair or other definitions. Click any number for the papers behind ' +
        'it, and any paper for its authors, raw affiliation strings and the ' +
        'evidence behind each. JSON under /api/ (list at /api). Binds to 127.0.0.1 ' +
        'unless --host says otherwise.',
    )
    .requiredOption('--from <dir>', 'output directory of an analyze run')
    .option('--port <n>', `port to listen on (0: any free port)`, String(DEFAULT_PORT))
    .option('--host <address>', 'address to bind (a non-loopback address exposes the data to the network)', DEFAULT_HOST)
    .action(async (flags: { from: string; port: string; host: string }) => {
      const port = parsePort(flags.port);
      const [{ readRun }, { startServer }] = await Promise.all([import('../../report/build.js'), import('../../serve/server.js')]);
      const run = readRun(flags.from);
      const server = await startServer(run, { port, host: flags.host, source: flags.from });
      print(`collabscope dashboard for ${flags.from}: ${server.url} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new CollabscopeError('E_BAD_ARGUMENT', `--port must be a whole number from 0 to 65535 (got "${text}")`);
  return port;
}
