// The user's collabscope folder: imported knowledge base, download cache, LLM answer cache.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function collabscopeHome(): string {
  return process.env.COLLABSCOPE_HOME || join(homedir(), '.collabscope');
}
