#!/usr/bin/env node
'use strict';
// The `nap1325` command (package.json "bin"). The CLI is TypeScript: tsx's CommonJS hook (a dependency of
// the service already) is registered first, so `require` compiles cli/main.ts and what it imports on the
// fly (esbuild, cached under the OS temp directory). Plain CommonJS itself, so Node runs it without flags
// from any directory: `npx nap1325 …`, `npx --prefix /path/to/nap1325 nap1325 …`, `node cli/bin.cjs …`.
require('tsx/cjs/api').register();
require('./main.ts');
