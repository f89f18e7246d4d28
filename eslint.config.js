// Lint with type information: the rules that catch real bugs in this code base (floating promises,
// misused promises, unsafe any) plus the recommended sets. `npm run lint` runs it with zero warnings.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'public/**', 'coverage/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // One import style: relative paths (they work the same in WXT, Vitest and the Node tools).
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/*', '~/*'], message: 'Use a relative import.' }] }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      // Async functions without await are how handlers satisfy Promise-returning interfaces here.
      '@typescript-eslint/require-await': 'off',
      // Props and dependency objects declare callbacks in method syntax and are destructured; none uses `this`.
      '@typescript-eslint/unbound-method': 'off',
      // Extension event listeners (runtime.onMessage) answer by returning a promise: that is the API.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    // Test files: node:test's describe/it return promises the runner awaits, and assertions take
    // methods and untyped JSON apart on purpose.
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
