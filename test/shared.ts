// Where the shared real data lives: beside the checkout, read in place (never copied into the repo).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const SHARED_DIR = resolve(REPO_ROOT, '..', 'shared');
export const PAPERLISTS_DIR = join(SHARED_DIR, 'data', 'paperlists');
export const GAZETTEER = join(SHARED_DIR, 'data', 'gazetteers', 'world_universities_and_domains.json');

/** A test's skip reason when the shared paper lists are not beside the checkout (false when they are). */
export const NO_PAPERLISTS: string | false = existsSync(PAPERLISTS_DIR) ? false : `shared paper lists not found (${PAPERLISTS_DIR})`;

export function paperListFiles(filter: (name: string) => boolean = () => true): string[] {
  return readdirSync(PAPERLISTS_DIR)
    .filter((f) => f.endsWith('.json') && filter(f))
    .sort()
    .map((f) => join(PAPERLISTS_DIR, f));
}

/** Paper Copilot's own label fields: only evaluation may read them. */
export const LABEL_FIELD = /^aff_(unique|country|campus)_/;
