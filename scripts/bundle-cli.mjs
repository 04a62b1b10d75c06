// Run by `npm run build` after tsc: bundles the command line (tsc's dist/cli/main.js and every module it
// imports) into dist/cli/main.js and chunks beside it (dist/cli/chunk-*.js, one per group of modules that
// a command or option imports lazily), so that a run loads a few files instead of about 150 modules:
// on the 2-core VM each module costs about a millisecond of CPU to resolve, read and link. The packages
// stay outside the bundle (imported from node_modules as before), and so do tsc's other files: the
// library (dist/index.js), the worker-thread entry and the schemas loaded on demand are read from dist/.
//
// Each module's `import.meta.url` is rewritten to the URL of its own file in dist/, so everything it
// finds relative to itself (the data folder, the code hashed into the resolver index's key, the schemas
// it requires lazily, the worker file) is what the unbundled module finds: the same answers and the same
// cache keys.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = join(dist, 'cli');

const BANNER = '// Bundled by scripts/bundle-cli.mjs from the modules tsc wrote to dist/ (run `npm run build`).';
if (readFileSync(join(outdir, 'main.js'), 'utf8').includes(BANNER)) {
  console.error('bundle-cli: dist/cli/main.js is bundled already; run tsc first (npm run build)');
  process.exit(1);
}

for (const file of readdirSync(outdir)) if (/^chunk-[A-Z0-9]+\.js$/.test(file)) rmSync(join(outdir, file));

/** `import.meta.url` of a module as the URL of its tsc-built file, from wherever its code lands in outdir. */
const moduleUrls = {
  name: 'module-urls',
  setup(builder) {
    builder.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
      const path = relative(outdir, args.path).split(sep).join('/');
      const url = `new URL(${JSON.stringify(path.startsWith('.') ? path : `./${path}`)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

await build({
  entryPoints: [join(outdir, 'main.js')],
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  banner: { js: BANNER },
  plugins: [moduleUrls],
  logLevel: 'warning',
});
