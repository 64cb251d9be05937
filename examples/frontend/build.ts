/**
 * Bundles the frontend example with esbuild (React, urql and the page's code into one script, no
 * CDN) and copies its index.html beside it. `npx tsx examples/frontend/build.ts` builds into
 * examples/frontend/dist/ (ignored by git); `npm run example:frontend` builds and serves it.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Options of {@link buildFrontend}. */
export interface FrontendBuildOptions {
  /** Where `index.html`, `app.js` and `app.js.map` are written (created when missing). */
  readonly outdir: string;
  /** The gateway endpoint the page calls unless its URL says `?gateway=` (default `http://localhost:4000/graphql`). */
  readonly gatewayUrl?: string;
  /** An API key baked into the bundle (readable by anyone who loads the page); `?apiKey=` overrides it. */
  readonly apiKey?: string;
  /** Campaigns per page unless `?pageSize=` says otherwise (default 2: the seed's five Retail campaigns take three pages). */
  readonly pageSize?: number;
}

/** The page's folder. */
export const FRONTEND_DIR = __dirname;

/** Builds the page into `options.outdir`; returns the files written, relative to it. */
export async function buildFrontend(options: FrontendBuildOptions): Promise<string[]> {
  await mkdir(options.outdir, { recursive: true });
  await build({
    absWorkingDir: FRONTEND_DIR,
    entryPoints: [join(FRONTEND_DIR, 'src', 'main.tsx')],
    outfile: join(options.outdir, 'app.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    logLevel: 'silent',
    define: {
      // React's production build: no development checks, a tenth of the size.
      'process.env.NODE_ENV': '"production"',
      __GATEWAY_URL__: JSON.stringify(options.gatewayUrl ?? 'http://localhost:4000/graphql'),
      __API_KEY__: JSON.stringify(options.apiKey ?? ''),
      __PAGE_SIZE__: String(options.pageSize ?? 2),
    },
  });
  await copyFile(join(FRONTEND_DIR, 'index.html'), join(options.outdir, 'index.html'));
  return ['index.html', 'app.js', 'app.js.map'];
}

if (require.main === module) {
  const outdir = join(FRONTEND_DIR, 'dist');
  buildFrontend({ outdir, gatewayUrl: process.env.FRONTEND_GATEWAY_URL, apiKey: process.env.FRONTEND_API_KEY }).then(
    (files) => console.log(`Built ${files.join(', ')} into ${outdir}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
