// Module resolution between dotted names and files over a project's source roots, and lookup of
// the definition a dotted path names (following re-exports through imports).
import * as path from "node:path";
import { deepEqual } from "./equal";
import { topLevel } from "../python/exprUtil";
import type { ClassDef, Expr, FunctionDef, Range, Stmt } from "../python/types";
import type { WorkspaceIndex } from "./index";

export interface ResolvedModule {
  name: string;
  /** The module's file; null for a namespace package (a folder without __init__.py). */
  file: string | null;
  /** The package folder, for packages. */
  dir: string | null;
}

export type SymbolKind = "module" | "class" | "function" | "variable" | "import";

export interface ResolvedSymbol {
  module: ResolvedModule;
  /** The qualified name inside the module, "" for the module itself. */
  symbol: string;
  kind: SymbolKind;
  file: string | null;
  range: Range | null;
  /** The class or function definition when the symbol is one. */
  def?: ClassDef | FunctionDef;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export class ModuleResolver {
  constructor(
    readonly index: WorkspaceIndex,
    readonly sourceRoots: string[],
  ) {}

  /** Memoised in the index: analyses resolve the same names again and again. */
  resolveModule(name: string): ResolvedModule | null {
    // Compared by value: an edit of the module's file leaves where it is unchanged.
    return this.index.memo(`module:${this.sourceRoots[0]}:${name}`, () => this.resolveModuleUncached(name), { equals: deepEqual });
  }

  private resolveModuleUncached(name: string): ResolvedModule | null {
    if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(name)) return null;
    const parts = name.split(".");
    for (const root of this.sourceRoots) {
      const base = path.join(root, ...parts);
      const init = path.join(base, "__init__.py");
      if (this.index.exists(init)) return { name, file: init, dir: base };
      if (this.index.exists(base + ".py")) return { name, file: base + ".py", dir: null };
      // A namespace package only counts when its parent chain exists under the same root.
      if (this.index.isDir(base) && this.hasPythonBelow(base)) return { name, file: null, dir: base };
    }
    return null;
  }

  private hasPythonBelow(dir: string): boolean {
    return this.index.listDir(dir).some((e) => e.name.endsWith(".py") || (e.isDir && !e.name.startsWith(".")));
  }

  /** The dotted module name of a file under one of the source roots, or null. */
  moduleOfFile(file: string): string | null {
    // The deepest root gives the name code imports it by (`shop.views`, not `src.shop.views`).
    for (const root of [...this.sourceRoots].sort((a, b) => b.length - a.length)) {
      const rel = path.relative(root, file);
      if (rel.startsWith("..") || path.isAbsolute(rel) || !rel.endsWith(".py")) continue;
      const parts = rel.slice(0, -3).split(path.sep);
      if (parts[parts.length - 1] === "__init__") parts.pop();
      if (parts.length === 0 || !parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) continue;
      return parts.join(".");
    }
    return null;
  }

  /** `from ..x import y` inside `fromModule` (a file) → the absolute module name, or null. */
  absoluteImport(fromFile: string, level: number, module: string): string | null {
    return level === 0 ? module : relativeImportTarget(this.moduleOfFile(fromFile), fromFile, level, module);
  }

  /**
   * The definition a dotted path names: the longest module prefix that resolves, then attributes
   * inside it (`shop.middleware.Counter`, `shop.views.ProductView.as_view`).
   */
  resolveSymbol(dotted: string, depth = 0): ResolvedSymbol | null {
    const parts = dotted.split(".");
    for (let i = parts.length; i >= 1; i--) {
      const mod = this.resolveModule(parts.slice(0, i).join("."));
      if (!mod) continue;
      const rest = parts.slice(i);
      if (rest.length === 0) {
        return { module: mod, symbol: "", kind: "module", file: mod.file, range: mod.file ? ZERO : null };
      }
      return this.lookupIn(mod, rest, depth);
    }
    return null;
  }

  /** Looks `names` (an attribute chain) up inside a module, following imports a few levels. */
  lookupIn(mod: ResolvedModule, names: string[], depth = 0): ResolvedSymbol | null {
    if (depth > 8) return null;
    const [first, ...rest] = names;
    if (!mod.file) {
      // Namespace package: the name can only be a submodule.
      const sub = this.resolveModule(`${mod.name}.${first}`);
      return sub ? (rest.length ? this.lookupIn(sub, rest, depth + 1) : this.moduleSymbol(sub)) : null;
    }
    const summary = this.index.summary(mod.file);
    if (!summary) return null;
    const binding = findBinding(summary.statements, first);
    if (binding) {
      if (binding.kind === "class" || binding.kind === "def") {
        return this.memberOf(mod, binding, rest, first);
      }
      if (binding.kind === "assign") {
        if (rest.length) return null;
        return { module: mod, symbol: first, kind: "variable", file: mod.file, range: binding.range };
      }
      if (binding.kind === "from") {
        const target = this.absoluteImport(mod.file, binding.level, binding.module);
        if (!target) return null;
        const name = binding.names === "*" ? first : binding.names.find((n) => (n.asname ?? n.name) === first)?.name ?? first;
        const targetMod = this.resolveModule(target);
        if (!targetMod) return null;
        // `from pkg import sub` may name a submodule (a plain module has none: no probe).
        if (targetMod.dir || !targetMod.file) {
          const sub = this.resolveModule(`${target}.${name}`);
          if (sub) return rest.length ? this.lookupIn(sub, rest, depth + 1) : this.moduleSymbol(sub);
        }
        return this.lookupIn(targetMod, [name, ...rest], depth + 1);
      }
      if (binding.kind === "import") {
        const entry = binding.names.find((n) => (n.asname ?? n.module.split(".")[0]) === first);
        if (!entry) return null;
        const moduleName = entry.asname ? entry.module : entry.module.split(".")[0];
        const target = this.resolveModule(moduleName);
        if (!target) return null;
        return rest.length ? this.lookupIn(target, rest, depth + 1) : this.moduleSymbol(target);
      }
    }
    // A submodule of a package that is not imported in __init__ is still reachable by path.
    if (mod.dir) {
      const sub = this.resolveModule(`${mod.name}.${first}`);
      if (sub) return rest.length ? this.lookupIn(sub, rest, depth + 1) : this.moduleSymbol(sub);
    }
    return null;
  }

  private moduleSymbol(mod: ResolvedModule): ResolvedSymbol {
    return { module: mod, symbol: "", kind: "module", file: mod.file, range: mod.file ? ZERO : null };
  }

  private memberOf(
    mod: ResolvedModule,
    def: ClassDef | FunctionDef,
    rest: string[],
    qualified: string,
  ): ResolvedSymbol | null {
    if (rest.length === 0) {
      return {
        module: mod,
        symbol: qualified,
        kind: def.kind === "class" ? "class" : "function",
        file: mod.file,
        range: def.nameRange,
        def,
      };
    }
    if (def.kind !== "class") return null;
    const inner = findBinding(def.body, rest[0]);
    if (inner && (inner.kind === "class" || inner.kind === "def")) {
      return this.memberOf(mod, inner, rest.slice(1), `${qualified}.${rest[0]}`);
    }
    if (inner?.kind === "assign" && rest.length === 1) {
      return { module: mod, symbol: `${qualified}.${rest[0]}`, kind: "variable", file: mod.file, range: inner.range };
    }
    return null;
  }
}

type Binding = Extract<Stmt, { kind: "class" | "def" | "assign" | "from" | "import" }>;

/** The last statement in a scope that binds `name` (Python's last-wins), or the star import. */
export function findBinding(stmts: Stmt[], name: string): Binding | null {
  let found: Binding | null = null;
  let star: Binding | null = null;
  for (const s of topLevel(stmts)) {
    switch (s.kind) {
      case "class":
      case "def":
        if (s.name === name) found = s;
        break;
      case "assign":
        if (s.targets.some((t) => bindsName(t, name))) found = s;
        break;
      case "from":
        if (s.names === "*") star = s;
        else if (s.names.some((n) => (n.asname ?? n.name) === name)) found = s;
        break;
      case "import":
        if (s.names.some((n) => (n.asname ?? n.module.split(".")[0]) === name)) found = s;
        break;
      default:
        break;
    }
  }
  return found ?? star;
}

function bindsName(t: Expr, name: string): boolean {
  if (t.kind === "name") return t.id === name;
  if (t.kind === "tuple" || t.kind === "list") return t.elts.some((e) => bindsName(e, name));
  return false;
}

/** `from <level dots><module> import …` in `fromFile`, whose module is `self` → the absolute module name, or null. */
export function relativeImportTarget(self: string | null, fromFile: string, level: number, module: string): string | null {
  if (self === null) return null;
  const isPackage = path.basename(fromFile) === "__init__.py";
  const parts = self.split(".");
  const drop = isPackage ? level - 1 : level;
  if (drop > parts.length) return null;
  const base = parts.slice(0, parts.length - drop);
  if (module) base.push(...module.split("."));
  return base.length ? base.join(".") : null;
}
