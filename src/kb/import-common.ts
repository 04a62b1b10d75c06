// What the importers share: reading the input list, making ids, validating and writing the output file
// (atomically) into the user knowledge-base folder.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CollabscopeError } from '../errors.js';
import { InstitutionFileSchema, type Institution } from './schema.js';
import { userKbDir } from '../home.js';
import { writeFileAtomic } from '../atomic-file.js';

export interface Converted {
  institutions: Institution[];
  /** Why records were left out, with counts. */
  skipped: Record<string, number>;
}

export interface ImportResult {
  format: string;
  input: string;
  output: string;
  imported: number;
  skipped: number;
  skippedReasons: Record<string, number>;
}

export interface ImportOptions {
  /** Output folder (default: the user KB folder, $COLLABSCOPE_HOME/kb). */
  outDir?: string;
  /** Output file name (default: <format>.json). */
  name?: string;
}

export const DOMAIN = /^[a-z0-9.-]+\.[a-z]{2,}$/;

export function readJsonArray(input: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(input, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CollabscopeError('E_FILE_NOT_FOUND', `${input}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read (${code})`}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CollabscopeError('E_BAD_JSON', `${basename(input)}: malformed JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(json)) throw new CollabscopeError('E_UNKNOWN_FORMAT', `${basename(input)}: expected a JSON array of records`);
  return json;
}

/** Validates against the knowledge-base schema and writes `<outDir>/<name>` atomically. */
export function writeConverted(format: string, input: string, converted: Converted, options: ImportOptions = {}): ImportResult {
  const output = join(options.outDir ?? userKbDir(), options.name ?? `${format}.json`);
  if (options.name !== undefined && (options.name !== basename(options.name) || !options.name.endsWith('.json'))) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--name must be a file name ending in .json, without a folder (got "${options.name}")`);
  }
  if (converted.institutions.length === 0) {
    const records = Object.values(converted.skipped).reduce((a, b) => a + b, 0);
    const reasons = Object.entries(converted.skipped).map(([why, n]) => `${n} ${why}`).join(', ');
    throw new CollabscopeError(
      'E_KB',
      `${basename(input)}: does not look like a ${format} file (${records ? `none of its ${records} records is an institution: ${reasons}` : 'no records'}); nothing was written${existsSync(output) ? `, ${output} is kept` : ''}`,
    );
  }
  assertReplaceable(output);
  const checked = InstitutionFileSchema.safeParse(converted.institutions);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new CollabscopeError('E_BAD_RECORD', `${basename(input)}: converted record ${String(issue.path[0])}: ${issue.path.slice(1).join('.')}: ${issue.message}`);
  }
  writeFileAtomic(output, `${JSON.stringify(converted.institutions, null, 1)}\n`, 'E_KB');
  return {
    format,
    input,
    output,
    imported: converted.institutions.length,
    skipped: Object.values(converted.skipped).reduce((a, b) => a + b, 0),
    skippedReasons: converted.skipped,
  };
}

/** An existing output file is replaced only when it is a knowledge-base institution file. */
function assertReplaceable(output: string): void {
  if (!existsSync(output)) return;
  let ok = false;
  try {
    ok = !statSync(output).isDirectory() && InstitutionFileSchema.safeParse(JSON.parse(readFileSync(output, 'utf8'))).success;
  } catch {
    ok = false;
  }
  if (!ok) throw new CollabscopeError('E_KB', `${output}: exists and is not a knowledge-base institution file; choose another --name or --out; nothing was written`);
}

/** `<cc>-<prefix><words of the name>`, ASCII, unique within the file (a number is added on a clash). */
export class IdMaker {
  private readonly used = new Set<string>();
  make(country: string, name: string, prefix = ''): string {
    const slug = name
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .split('-')
      .filter(Boolean)
      .slice(0, 8)
      .join('-');
    const base = `${country.toLowerCase()}-${prefix}${slug || 'institution'}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

export function asRecord(value: unknown, file: string, index: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CollabscopeError('E_BAD_RECORD', `${basename(file)}: record ${index}: not a JSON object`);
  }
  return value as Record<string, unknown>;
}

export function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str).filter((v): v is string => v !== null) : [];
}

export function countSkip(skipped: Record<string, number>, reason: string): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}
