// Lint rules that keep the architecture honest: no `vscode` in core/providers/shared,
// no import cycles, no floating promises.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

/** Provider kinds: the folders under src/providers/ that hold a descriptor. Only they may name themselves. */
const PROVIDER_DIR = path.join(import.meta.dirname, 'src', 'providers');
const PROVIDER_NAMES = readdirSync(PROVIDER_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(PROVIDER_DIR, entry.name, 'descriptor.ts')))
  .map((entry) => entry.name);
const NAME_PATTERN = `^(${PROVIDER_NAMES.join('|')})$`;
const PROVIDER_NAME_RULE = {
  'no-restricted-syntax': [
    'error',
    {
      selector: `Literal[value=/${NAME_PATTERN}/]`,
      message: 'Provider names belong in src/providers/<name>/: ask the provider descriptor (features, codicon, settings) instead of naming a provider.',
    },
    {
      selector: `TemplateElement[value.raw=/${NAME_PATTERN}/]`,
      message: 'Provider names belong in src/providers/<name>/: ask the provider descriptor instead of naming a provider.',
    },
  ],
};

const VSCODE = { name: 'vscode', message: 'core/, providers/, shared/ and webview-ui/ must not depend on VS Code: add a port in core/ and an adapter in platform/.' };
const OUTER = ['**/platform/**', '**/views/**', '**/commands/**', '**/webview/**', '**/extension'];

/** Dependencies point inward: outer layers may import core, never the reverse. */
function layer(forbidden, message) {
  return { 'no-restricted-imports': ['error', { paths: [VSCODE], patterns: [{ group: forbidden, message }] }] };
}

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.e2e/**', 'artifacts/**', '**/*.d.ts', 'esbuild.config.mjs', 'eslint.config.mjs'],
  },
  js.configs.recommended,
  // Plain JavaScript (scripts, e2e UI tests): no type information.
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['test/**/*.mjs'],
    languageOptions: { globals: { ...globals.mocha } },
  },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      eqeqeq: ['error', 'always'],
    },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
  },
  {
    // A provider is one folder plus one registry line: nothing outside src/providers/ names one.
    files: ['src/**/*.ts'],
    ignores: ['src/providers/**'],
    rules: PROVIDER_NAME_RULE,
  },
  {
    files: ['src/core/**/*.ts'],
    rules: layer([...OUTER, '**/providers/**', '**/actions/**'], 'core/ is the centre: it must not import providers, actions or any VS Code layer.'),
  },
  {
    files: ['src/providers/**/*.ts', 'src/actions/**/*.ts'],
    rules: layer(OUTER, 'providers/ and actions/ may import core/ only, not the VS Code layers.'),
  },
  {
    files: ['src/shared/**/*.ts', 'src/webview-ui/**/*.ts'],
    rules: layer([...OUTER, '**/providers/**'], 'shared/ and webview-ui/ may import core/ types only.'),
  },
  {
    // The start-up shell is what VS Code loads at activation: it may import only vscode and itself
    // at runtime (types are free); esbuild.config.mjs checks the bundle the same way.
    files: ['src/extension.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\./(?!startup/)', allowTypeImports: true, message: 'The start-up shell imports only vscode and src/startup/ at runtime (esbuild.config.mjs).' }] }],
    },
  },
  {
    files: ['src/startup/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./', allowTypeImports: true, message: 'The start-up shell imports only vscode and src/startup/ at runtime (esbuild.config.mjs).' }] }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
