// Custom path converters registered with `register_converter(Cls, "name")`: the class's `regex`
// when it is a literal (or inherited from one of Django's converters), and whether `to_python`
// can reject a value. We only call it safe when its body is one `return` of the value itself or of
// `int(value)`/`str(value)`; anything else may raise ValueError, which makes Django move on.
import type { ResolvedSymbol } from "../../project/modules";
import { assignedValue, dottedName, stringValue } from "../../python/exprUtil";
import type { ClassDef, FunctionDef, Location } from "../../python/types";
import { type ModuleCtx, moduleCtx, originOf } from "./context";
import type { RegisteredConverter } from "./types";

const DJANGO_CONVERTERS: Record<string, { regex: string; toPython: RegisteredConverter["toPython"] }> = {
  "django.urls.converters.IntConverter": { regex: "[0-9]+", toPython: "int" },
  "django.urls.converters.StringConverter": { regex: "[^/]+", toPython: "str" },
  "django.urls.converters.SlugConverter": { regex: "[-a-zA-Z0-9_]+", toPython: "str" },
  "django.urls.converters.PathConverter": { regex: ".+", toPython: "str" },
  "django.urls.converters.UUIDConverter": { regex: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", toPython: "uuid" },
};

export function converterFromClass(ctx: ModuleCtx, name: string, cls: import("../../python/types").Expr, loc: Location): RegisteredConverter {
  const dotted = dottedName(cls);
  const sym = dotted ? ctx.project.modules.lookupIn(ctx.resolved, dotted.split(".")) : null;
  if (!sym || sym.kind !== "class" || !sym.def || sym.def.kind !== "class" || !sym.file) {
    const o = originOf(ctx, cls);
    const known = o ? DJANGO_CONVERTERS[o] : undefined;
    return { name, regex: known?.regex ?? null, toPython: known?.toPython ?? "unknown", at: loc };
  }
  const found = inspectClass(ctx, sym, 0);
  return { name, regex: found.regex, toPython: found.toPython ?? "unknown", at: loc, classAt: { file: sym.file, range: sym.def.nameRange } };
}

interface Found {
  regex: string | null;
  toPython: RegisteredConverter["toPython"] | null;
}

function inspectClass(ctx: ModuleCtx, sym: ResolvedSymbol, depth: number): Found {
  const cls = sym.def as ClassDef;
  const out: Found = { regex: null, toPython: null };
  const rx = assignedValue(cls.body, "regex");
  if (rx) out.regex = stringValue(rx);
  const tp = cls.body.find((s): s is FunctionDef => s.kind === "def" && s.name === "to_python");
  if (tp && sym.file) out.toPython = toPythonKind(ctx.project.index.text(sym.file) ?? "", tp);
  if ((out.regex === null && !rx) || out.toPython === null) {
    // Inherit from the first base that says.
    const owner = moduleCtx(ctx.project, sym.module.name);
    for (const b of cls.bases) {
      if (!owner || depth > 5) break;
      const o = originOf(owner, b);
      const known = o ? DJANGO_CONVERTERS[o] : undefined;
      let base: Found | null = known ? { regex: known.regex, toPython: known.toPython } : null;
      if (!base) {
        const d = dottedName(b);
        const bs = d ? ctx.project.modules.lookupIn(owner.resolved, d.split(".")) : null;
        if (bs?.kind === "class" && bs.def?.kind === "class") base = inspectClass(owner, bs, depth + 1);
      }
      if (!base) continue;
      if (out.regex === null && !rx) out.regex = base.regex;
      if (out.toPython === null) out.toPython = base.toPython;
      break;
    }
  }
  return out;
}

function toPythonKind(text: string, def: FunctionDef): RegisteredConverter["toPython"] {
  const lines = text.split("\n").slice(def.range.start.line, def.range.end.line + 1);
  const body = lines
    .slice(1)
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter((l) => l && !/^("""|''')/.test(l));
  const param = def.params[1]?.name ?? "value";
  if (body.length !== 1) return "unknown";
  const ret = body[0];
  if (ret === `return ${param}` || ret === `return str(${param})`) return "str";
  if (ret === `return int(${param})`) return "int";
  return "unknown";
}

export { stringValue };
