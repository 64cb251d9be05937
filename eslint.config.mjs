// Lint enforces the layering of ../shared/STYLE.md: imports point one way
// (main → server → graph → {upstream, cache, auth}), only upstream/ imports the AWS SDK,
// and the emulator is self-contained.
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

const sdk = ['@aws-sdk/*', '@aws-sdk/**', '@smithy/*', '@smithy/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'src/__generated__/**', 'src/emulator/__generated__/**', 'coverage/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    // Relative .ts imports resolve with the node resolver; zones compare resolved paths.
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'No `export *`: export names explicitly.' }],
      'import/no-restricted-paths': ['error', {
        zones: [
          { target: './src/emulator', from: ['./src/server', './src/graph', './src/upstream', './src/cache', './src/auth', './src/observability', './src/main.ts', './src/config.ts'],
            message: 'The emulator is self-contained: it never imports gateway code.' },
          { target: ['./src/graph', './src/upstream', './src/cache', './src/auth'], from: ['./src/server', './src/main.ts'],
            message: 'Imports point one way: main → server → graph → {upstream, cache, auth}.' },
          { target: ['./src/upstream', './src/cache', './src/auth'], from: './src/graph',
            message: 'upstream/, cache/ and auth/ sit below graph/.' },
          { target: ['./src/graph', './src/upstream', './src/cache', './src/auth'], from: './src/observability',
            message: 'observability/ is imported by server/ and main.ts only: upstream/ and cache/ report through their observer interfaces (telemetry.ts).' },
          { target: './src/observability', from: ['./src/server', './src/main.ts'],
            message: 'observability/ sits below server/: the server calls it, never the other way.' },
          { target: './src/auth', from: './src/emulator',
            message: 'auth/ is pure policy logic: it never imports the emulator (not even its entry point).' },
          { target: ['./src/server', './src/graph', './src/upstream', './src/cache', './src/auth', './src/main.ts', './src/config.ts'], from: './src/emulator',
            except: ['./createEmulatorServer.ts', './index.ts'],
            message: 'The gateway reaches the emulator only through its entry point.' },
        ],
      }],
    },
  },
  {
    files: ['src/server/**/*.ts', 'src/graph/**/*.ts', 'src/cache/**/*.ts', 'src/auth/**/*.ts', 'src/observability/**/*.ts', 'src/main.ts', 'src/config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: sdk, message: 'Only src/upstream/ imports the AWS SDK.', allowTypeImports: false }],
      }],
    },
  },
);
