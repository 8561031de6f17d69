// Rebuild theme/assets/js/plotly-custom.min.js: `npm ci && npm run build` in this folder.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readFileSync } from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
const version = JSON.parse(readFileSync(path.join(here, 'node_modules', 'plotly.js', 'package.json'))).version;
const outfile = path.join(here, '..', '..', 'theme', 'assets', 'js', 'plotly-custom.min.js');

await build({
    entryPoints: [path.join(here, 'entry.js')],
    outfile,
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    legalComments: 'none',
    banner: { js: `/* plotly.js ${version} (MIT) custom bundle: core without unused components, scatter, bar, pie, sunburst, zh-CN. Built by tools/plotly-bundle. */` },
    // registry.js requires maplibre's stylesheet for map traces, which this bundle leaves out
    loader: { '.css': 'empty' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2017',
    logLevel: 'info',
});
