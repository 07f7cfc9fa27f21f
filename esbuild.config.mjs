// Builds the extension host's start-up shell (dist/extension.js), the composition it loads after
// activate() has returned (dist/composition.js), the vendor files required on first use
// (dist/vendor/*.js; all Node, CJS) and the webview bundles (browser, IIFE).
//
// The shell is src/extension.ts and src/startup/: VS Code counts its loading as activation time, so
// it holds only what must exist at once (views, command stubs). It may import nothing else from
// src/ at runtime, and the composition may not contain it: the build fails otherwise, so no module
// (and no class) is in both files.
//
// Third-party code that start-up does not need lives in src/providers/vendor/<name>.ts (a file that
// re-exports what FlowForge uses from npm packages). Each is built into dist/vendor/<name>.js, and
// the main bundle leaves `require('…/vendor/<name>')` as a require of that file, so the code is
// neither parsed nor run at activation. Only npm code may go there: our own classes must exist once
// (errors are checked with instanceof), so a vendor file that pulls in src/ fails the build, and so
// does a main bundle that contains the vendored packages (an eager import somewhere else).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const VENDOR_DIR = path.resolve('src/providers/vendor');
const VENDORS = readdirSync(VENDOR_DIR).filter((file) => file.endsWith('.ts')).map((file) => file.slice(0, -3));
/** npm packages that belong to a vendor file and must not be in dist/extension.js. */
const VENDORED_PACKAGES = /node_modules\/(yaml|@octokit|bottleneck|before-after-hook|universal-user-agent|fast-content-type-parse|json-with-bigint|yauzl|pend|buffer-crc32)\//;

/** Main bundle: an import of src/providers/vendor/<name> becomes require('./vendor/<name>.js'). */
const vendorAsExternal = {
  name: 'vendor-as-external',
  setup(build) {
    build.onResolve({ filter: /[\\/]vendor[\\/][\w-]+$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      if (path.dirname(target) !== VENDOR_DIR) return undefined;
      return { path: `./vendor/${path.basename(target)}.js`, external: true };
    });
  },
};

/** The shell's `require('./composition')` stays a require of dist/composition.js. */
const compositionAsExternal = {
  name: 'composition-as-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/composition$/ }, () => ({ path: './composition.js', external: true }));
  },
};
const SHELL_INPUT = /^src\/(extension\.ts|startup\/[\w-]+\.ts)$/;

/** Fails the build when a bundle holds what it must not (see the top of this file). */
const checkInputs = (label, isForbidden) => ({
  name: `check-inputs-${label}`,
  setup(build) {
    build.onEnd((result) => {
      const bad = Object.keys(result.metafile?.inputs ?? {}).filter(isForbidden);
      if (bad.length > 0) {
        return { errors: [{ text: `${label} must not contain ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''}: see the top of esbuild.config.mjs` }] };
      }
      return undefined;
    });
  },
});

const nodeBuild = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  metafile: true,
  logLevel: 'warning',
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...nodeBuild,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [compositionAsExternal, checkInputs('dist/extension.js (the start-up shell: src/extension.ts and src/startup/ only)', (input) => !SHELL_INPUT.test(input))],
  },
  {
    ...nodeBuild,
    entryPoints: ['src/composition.ts'],
    outfile: 'dist/composition.js',
    external: ['vscode'],
    plugins: [
      vendorAsExternal,
      checkInputs('dist/composition.js (vendored packages are required lazily; the shell is not part of it)', (input) => VENDORED_PACKAGES.test(input) || SHELL_INPUT.test(input)),
    ],
  },
  {
    ...nodeBuild,
    entryPoints: Object.fromEntries(VENDORS.map((name) => [`vendor/${name}`, `src/providers/vendor/${name}.ts`])),
    outdir: 'dist',
    plugins: [checkInputs('dist/vendor/*.js (npm code only)', (input) => !/(^|\/)node_modules\//.test(input) && !/^src\/providers\/vendor\/[\w-]+\.ts$/.test(input))],
  },
];
/** A browser bundle of the webview side (IIFE), built when its entry exists. */
const webviewBuild = (entry, outfile) => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  tsconfig: 'src/webview-ui/tsconfig.json',
  logLevel: 'warning',
});
// The run panel, and the Workflow Insights panel (its own small bundle: charts drawn as SVG, no library).
for (const [entry, outfile] of [
  ['src/webview-ui/main.ts', 'dist/webview.js'],
  ['src/webview-ui/insights/main.ts', 'dist/insights.js'],
]) {
  if (existsSync(entry)) builds.push(webviewBuild(entry, outfile));
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
    console.log(`[esbuild] built ${options.outfile ?? Object.keys(options.entryPoints).map((name) => `${options.outdir}/${name}.js`).join(', ')}${production ? ' (production)' : ''}`);
  }
}
