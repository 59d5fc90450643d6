/**
 * `npm run prisma:generate`: `prisma generate` that works offline, the same run as the npm
 * `postinstall` hook (scripts/postinstall.cjs, which holds the logic because it must run as plain Node
 * before anything else is set up). Extra arguments go to `prisma generate` (e.g. `-- --watch`).
 */

type TPostinstall = {
  runPrismaGenerate(options?: { args?: string[]; log?: (line: string) => void }): number;
};

// A plain CommonJS file without type declarations.
const { runPrismaGenerate } = require('./postinstall.cjs') as TPostinstall;

if (require.main === module) {
  process.exitCode = runPrismaGenerate({ args: process.argv.slice(2) });
}

export { runPrismaGenerate };
