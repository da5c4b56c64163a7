// The names a module can use in expressions: its imports (as full dotted paths) and its own
// top-level definitions, so `models.CASCADE`, `deletion.CASCADE` and `timezone.now` evaluate to
// the paths Django's deconstruct() and the migration writer use.
import { topLevel } from "../../python/exprUtil";
import type { Expr, Stmt } from "../../python/types";
import type { ModuleResolver } from "../../project/modules";
import type { EvalContext, NV } from "./values";

export interface ModuleScope {
  /** Local name → full dotted path (imports) or `module.name` (definitions). */
  names: Map<string, string>;
  /** Module-level names assigned exactly once (constants), with their value. */
  constants: Map<string, Expr>;
  /** Classes defined in the module: their attributes (enum members, nested names) are not modelled. */
  classes: Set<string>;
}

export function moduleScope(stmts: Stmt[], moduleName: string, file: string, modules?: ModuleResolver): ModuleScope {
  const names = new Map<string, string>();
  const counts = new Map<string, number>();
  const constants = new Map<string, Expr>();
  const classes = new Set<string>();
  for (const s of topLevel(stmts)) {
    if (s.kind === "import") {
      for (const n of s.names) {
        if (n.asname) names.set(n.asname, n.module);
        else names.set(n.module.split(".")[0], n.module.split(".")[0]);
      }
    } else if (s.kind === "from" && s.names !== "*") {
      const base = s.level === 0 ? s.module : (modules?.absoluteImport(file, s.level, s.module) ?? null);
      if (base === null) continue;
      for (const n of s.names) names.set(n.asname ?? n.name, `${base}.${n.name}`);
    } else if (s.kind === "class" || s.kind === "def") {
      names.set(s.name, `${moduleName}.${s.name}`);
      if (s.kind === "class") classes.add(s.name);
      counts.set(s.name, (counts.get(s.name) ?? 0) + 2);
    } else if (s.kind === "assign") {
      for (const t of s.targets) {
        if (t.kind !== "name") continue;
        counts.set(t.id, (counts.get(t.id) ?? 0) + 1);
        if (s.value) constants.set(t.id, s.value);
        names.set(t.id, `${moduleName}.${t.id}`);
      }
    } else if (s.kind === "augassign" && s.target.kind === "name") {
      counts.set(s.target.id, (counts.get(s.target.id) ?? 0) + 2);
    }
  }
  for (const [n, c] of counts) if (c !== 1) constants.delete(n);
  return { names, constants, classes };
}

export function scopeContext(
  scope: ModuleScope,
  setting: (name: string) => string | null,
  choices?: (dotted: string) => NV | undefined,
): EvalContext {
  return {
    resolve(dotted) {
      const [first, ...rest] = dotted.split(".");
      const base = scope.names.get(first);
      if (!base) return null;
      if (rest.length && scope.classes.has(first)) return null;
      return rest.length ? `${base}.${rest.join(".")}` : base;
    },
    constant: (name) => scope.constants.get(name),
    setting,
    choices,
  };
}
