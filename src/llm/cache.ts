// A persistent cache of LLM answers keyed by (prompt version, model, input): re-runs cost nothing.
// One JSON line per answer, appended as it arrives, so an interrupted run keeps what it paid for.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';

export class AnswerCache {
  private readonly answers = new Map<string, unknown>();

  constructor(private readonly path: string) {
    if (!existsSync(path)) return;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const { key, answer } = JSON.parse(line) as { key: string; answer: unknown };
        this.answers.set(key, answer);
      } catch {
        // a line cut short by an interruption: that answer is simply asked again
      }
    }
  }

  static key(promptVersion: string, model: string, input: string): string {
    return createHash('sha256').update(`${promptVersion}\u0000${model}\u0000${input}`).digest('hex');
  }

  get(key: string): unknown {
    return this.answers.get(key);
  }

  has(key: string): boolean {
    return this.answers.has(key);
  }

  set(key: string, answer: unknown): void {
    this.answers.set(key, answer);
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify({ key, answer })}\n`);
  }
}
