// ESLint flat config. Type-aware rules catch unawaited promises; workflows/ runs in Temporal's
// deterministic sandbox, so Node built-ins, Prisma and nodemailer are banned there.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'prisma/generated/', '.data/', 'dist/', 'coverage/', '**/*.cjs', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    plugins: { 'import-x': importX },
    // Only our own files take part in cycle detection; bundled dependencies are not parsed.
    settings: { 'import-x/ignore': ['node_modules'] },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'workflows/ runs in the Temporal sandbox: no Node built-ins (use an activity).' })),
          patterns: [
            { group: ['@prisma/*', '**/prisma/**', 'prisma', 'pg'], message: 'workflows/ never touches the database: use an activity.' },
            { group: ['nodemailer', 'nodemailer/*', 'smtp-server', 'mailparser'], message: 'workflows/ never sends email: use an activity.' },
            { group: ['**/activities', '**/activities/*'], allowTypeImports: true, message: 'workflows/ import activity types only (import type).' },
            { group: ['**/domain/signed-link', '**/domain/config'], message: 'not deterministic-sandbox safe (node:crypto / process.env).' },
            {
              group: ['zod', 'luxon', '**/domain/compute-timeline', '**/domain/reporting-policy', '**/domain/business-calendar', '**/domain/submission'],
              allowTypeImports: true,
              message: 'keep the workflow bundle small: every workflow re-evaluates these (zod, luxon); use domain/next-step, domain/iso-date, or an activity.',
            },
          ],
        },
      ],
    },
  },
);
