// Loads tree-sitter and the Python grammar from WASM files shipped next to the bundle, once.
import * as fs from "node:fs";
import * as path from "node:path";
import { Language, Parser, type Tree } from "web-tree-sitter";
import { summarize } from "./summary";
import { registerWasmModule } from "./cursorOps";
import type { ModuleSummary } from "./types";

let ready: Promise<Parser> | undefined;

function findWasm(file: string, packageRelative: string): string {
  const candidates = [
    path.join(__dirname, file),
    path.join(__dirname, "..", "dist", file),
    path.join(__dirname, "..", "..", "..", "dist", file),
    path.join(__dirname, "..", "..", "..", "node_modules", packageRelative),
  ];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  throw new Error(`cannot find ${file} (looked in ${candidates.join(", ")})`);
}

/** Initialises the parser; safe to call many times. */
export function initParser(): Promise<Parser> {
  ready ??= (async () => {
    const runtime = findWasm("tree-sitter.wasm", "web-tree-sitter/tree-sitter.wasm");
    // Emscripten fills this object in as the module; the summarizer calls its cursor functions directly.
    const moduleOptions = { locateFile: () => runtime };
    await Parser.init(moduleOptions);
    registerWasmModule(moduleOptions);
    const lang = await Language.load(
      fs.readFileSync(findWasm("tree-sitter-python.wasm", "tree-sitter-python/tree-sitter-python.wasm")),
    );
    const parser = new Parser();
    parser.setLanguage(lang);
    return parser;
  })();
  return ready;
}

let parserInstance: Parser | undefined;

/** The parser after initParser() resolved; analyses call this synchronously. */
export function parser(): Parser {
  if (!parserInstance) throw new Error("initParser() has not finished");
  return parserInstance;
}

export async function ensureParser(): Promise<void> {
  parserInstance = await initParser();
}

export function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export function parseTree(text: string): Tree {
  const tree = parser().parse(text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree;
}

/** Parses and summarises; the tree is freed unless the caller asks to keep it. */
export function parseSummary(text: string): ModuleSummary {
  const tree = parseTree(text);
  try {
    return summarize(tree, countLines(text), text);
  } finally {
    tree.delete();
  }
}
