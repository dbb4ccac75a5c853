// ESLint for the whole repository (runs in `npm test`): typescript-eslint's recommended rules, and the
// rules of hooks for the web. Syntax-only (no type information) so that it stays a few seconds on two cores;
// the compiler's own checks (strict, noUnusedLocals) run in `npm run typecheck`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'web/src/api/schema.d.ts', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The compiler reports unused names (noUnusedLocals); `_`-prefixed parameters are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Chinese text is set with the ideographic space (U+3000) on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true, skipComments: true }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Command-line tools and benchmarks print their results.
    files: ['server/src/cli.ts', 'server/src/smsc/cli.ts', 'server/src/main.ts', 'server/test/global-setup.ts', 'bench/**/*.ts', 'server/scripts/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'e2e/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
