// Where collabscope keeps user data: $COLLABSCOPE_HOME, else ~/.collabscope. Imported institution
// files go to <home>/kb/, downloads and compiled caches to <home>/cache/, LLM answers to <home>/llm-cache/.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function collabscopeHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.COLLABSCOPE_HOME?.trim();
  return fromEnv ? fromEnv : join(homedir(), '.collabscope');
}

/** The user knowledge-base folder that `collabscope kb import` writes to and the resolver reads. */
export function userKbDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(collabscopeHome(env), 'kb');
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(collabscopeHome(env), 'cache');
}
