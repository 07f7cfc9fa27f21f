// Builds the extension host bundle (Node, CJS) and the webview bundle (browser, IIFE).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: !production,
    minify: production,
    metafile: true,
    logLevel: 'warning',
  },
];
if (existsSync('src/webview-ui/main.ts')) {
  builds.push({
    entryPoints: ['src/webview-ui/main.ts'],
    outfile: 'dist/webview.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    tsconfig: 'src/webview-ui/tsconfig.json',
    logLevel: 'warning',
  });
}

// VS Code's icon font for the webview (the workbench's own font is not reachable from it).
mkdirSync('dist/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) {
  copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[esbuild] watching');
} else {
  for (const options of builds) {
    await esbuild.build(options);
    console.log(`[esbuild] built ${options.outfile}${production ? ' (production)' : ''}`);
  }
}
