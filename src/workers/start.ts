// Starting a worker-thread file that sits next to this one: .ts under tsx (tests, bench), which then
// needs tsx registered in the worker too; .js when built.
import { Worker, type TransferListItem } from 'node:worker_threads';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

export function startWorker(name: string, workerData: unknown, transferList: TransferListItem[] = []): Worker {
  const extension = extname(fileURLToPath(import.meta.url));
  const url = new URL(`./${name}${extension}`, import.meta.url);
  if (extension !== '.ts') return new Worker(url, { workerData, transferList });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, transferList });
}
