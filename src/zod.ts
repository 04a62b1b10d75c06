// zod as an ES module for lazyModule (src/lazy-module.ts): `require('zod')` would load zod's CommonJS
// build, a second copy of it beside the ES one the schema modules import.
export { z } from 'zod';
