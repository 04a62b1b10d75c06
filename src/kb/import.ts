// `collabscope kb import --format hipo|ror <file>`: public institution lists turned into knowledge-base
// files (src/kb/schema.ts) in the user KB folder ($COLLABSCOPE_HOME/kb), which the resolver loads beside
// the curated base. See hipo.ts and ror.ts for the formats.
import { CollabscopeError } from '../errors.js';
import { importHipo } from './hipo.js';
import { importRor } from './ror.js';
import type { ImportOptions, ImportResult } from './import-common.js';

export type { ImportOptions, ImportResult } from './import-common.js';

import { IMPORT_FORMATS, type ImportFormat } from '../defaults.js';
export { IMPORT_FORMATS, type ImportFormat };

export function parseImportFormat(text: string): ImportFormat {
  if ((IMPORT_FORMATS as readonly string[]).includes(text)) return text as ImportFormat;
  throw new CollabscopeError('E_UNKNOWN_FORMAT', `unknown import format '${text}' (use one of: ${IMPORT_FORMATS.join(', ')})`);
}

export function importInstitutions(format: ImportFormat, input: string, options: ImportOptions = {}): ImportResult {
  return format === 'hipo' ? importHipo(input, options) : importRor(input, options);
}
