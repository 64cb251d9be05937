import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The repository's root. */
export const root = join(__dirname, '..', '..');

/**
 * The environment variables the gateway reads: the upper-case keys of every `z.object({ … })`
 * literal in src/config.ts (the schema is module-private, and `loadConfig` ignores unknown names,
 * so a misspelt variable in a manifest would pass silently without this list).
 */
export function gatewayVariables(): ReadonlySet<string> {
  const file = join(root, 'src', 'config.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'z.object' && node.arguments[0] && ts.isObjectLiteralExpression(node.arguments[0])) {
      for (const property of node.arguments[0].properties) {
        const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
        if (name !== undefined && /^[A-Z][A-Z0-9_]*$/.test(name)) names.add(name);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The environment variables the standalone emulator reads (src/emulator/main.ts). */
export function emulatorVariables(): ReadonlySet<string> {
  const text = readFileSync(join(root, 'src', 'emulator', 'main.ts'), 'utf8');
  return new Set([...text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)|intFromEnv\('([A-Z][A-Z0-9_]*)'/g)].map((match) => match[1] ?? match[2]));
}

/**
 * How long, after the drain's grace, src/main.ts lets the closers run before it exits anyway
 * (`SHUTDOWN_CLOSE_BOUND_MS`, module-private there): part of the time a pod needs to stop.
 */
export function shutdownCloseBoundMs(): number {
  const match = readFileSync(join(root, 'src', 'main.ts'), 'utf8').match(/const SHUTDOWN_CLOSE_BOUND_MS = ([\d_]+);/);
  if (!match) throw new Error('src/main.ts no longer declares SHUTDOWN_CLOSE_BOUND_MS: update the shutdown budget checks in test/deploy');
  return Number(match[1].replace(/_/g, ''));
}

/** The heap cap of each admission worker thread, in MiB (src/server/admission/documentAdmission.ts's default). */
export function admissionWorkerHeapMb(): number {
  const match = readFileSync(join(root, 'src', 'server', 'admission', 'documentAdmission.ts'), 'utf8').match(/workerHeapMb \?\? (\d+)/);
  if (!match) throw new Error('src/server/admission/documentAdmission.ts no longer defaults workerHeapMb: update the memory checks in test/deploy');
  return Number(match[1]);
}
