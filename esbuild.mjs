// Bundles the client, the server, the CLI and the benchmark, and copies the grammar WASM files
// next to the bundles so the server loads them from the extension's own folder (no network).
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, existsSync, readFileSync } from "node:fs";

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const common = {
  define: { __DJANGO_LENS_VERSION__: JSON.stringify(pkg.version) },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  // The ESM build of web-tree-sitter needs import.meta.url, which a CommonJS bundle lacks.
  alias: { "web-tree-sitter": "./node_modules/web-tree-sitter/tree-sitter.cjs" },
};

const entries = [
  { entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] },
  { entryPoints: ["server/src/server.ts"], outfile: "dist/server.js" },
  { entryPoints: ["server/src/cli.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
];
if (!production && existsSync("bench/bench.ts")) {
  entries.push({ entryPoints: ["bench/bench.ts"], outfile: "dist/bench.js" });
}

mkdirSync("dist", { recursive: true });
copyFileSync("node_modules/web-tree-sitter/tree-sitter.wasm", "dist/tree-sitter.wasm");
copyFileSync("node_modules/tree-sitter-python/tree-sitter-python.wasm", "dist/tree-sitter-python.wasm");

if (watch) {
  for (const e of entries) (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
