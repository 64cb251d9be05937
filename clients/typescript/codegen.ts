import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed document nodes (GraphQL Code Generator's client preset) for the package's operations,
 * checked against the schema contract at the repository root (schema.graphql, the served schema).
 * Paths are absolute, so the config runs the same from the repository root (`npm run codegen`)
 * and from this package.
 */
const config: CodegenConfig = {
  schema: join(__dirname, '..', '..', 'schema.graphql'),
  documents: [join(__dirname, 'src', 'operations', '*.graphql')],
  // No operation found is an error, not an empty package.
  ignoreNoDocuments: false,
  generates: {
    [join(__dirname, 'src', '__generated__') + '/']: {
      preset: 'client',
      // Services read plain objects; fragment masking is for UI components.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // What the gateway's scalars are on the wire (JSON): ISO 8601 strings and free-form JSON.
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
