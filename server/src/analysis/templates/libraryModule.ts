// One `templatetags` module read statically: `register = template.Library()` and what it
// registers (`@register.filter`, `@register.simple_tag`, `@register.inclusion_tag(...)`,
// `@register.simple_block_tag`, `@register.tag`, and the call forms `register.tag("name", fn)`),
// names from the function or from `name=` / the first string argument as Django reads them.
// Anything else done with `register` makes the library incomplete, so no tag is called unknown.
import type { DjangoProject } from "../../project/project";
import { dottedName, keyword, stringValue, topLevel } from "../../python/exprUtil";
import { findBinding } from "../../project/modules";
import type { CallExpr, Expr, Range, Stmt } from "../../python/types";
import type { Library, Registered } from "./libraries";

type Kind = "filter" | "tag" | "simple_tag" | "inclusion_tag" | "simple_block_tag";
const KINDS = new Set<string>(["filter", "tag", "simple_tag", "inclusion_tag", "simple_block_tag"]);

function registerKind(e: Expr): Kind | null {
  const n = dottedName(e);
  if (!n?.startsWith("register.")) return null;
  const k = n.slice("register.".length);
  return KINDS.has(k) ? (k as Kind) : null;
}

/** The explicit name a registering call gives, undefined when none, null when not literal. */
function explicitName(kind: Kind, call: CallExpr): string | null | undefined {
  const kw = keyword(call, "name");
  if (kw) return stringValue(kw.value);
  // filter(name=None, …) and tag(name=None, …) take the name first; the others take the function
  // (inclusion_tag the template file) first.
  if ((kind === "filter" || kind === "tag") && call.args[0]) {
    if (call.args[0].kind === "str") return stringValue(call.args[0]);
  }
  return undefined;
}

export function readLibraryModule(project: DjangoProject, name: string, module: string, file: string): Library | null {
  const summary = project.index.summary(file);
  if (!summary) return null;
  const binding = findBinding(summary.statements, "register");
  if (!binding) return null; // not a library: Django skips modules without `register`
  const lib: Library = { name, module, file, tags: new Map(), filters: new Map(), complete: true, consumed: new Set() };
  const isLibraryCall = binding.kind === "assign" && binding.value?.kind === "call" && /(^|\.)Library$/.test(dottedName(binding.value.func) ?? "");
  if (!isLibraryCall) lib.complete = false;
  const defs = new Map<string, Range>();
  for (const s of topLevel(summary.statements)) if (s.kind === "def" || s.kind === "class") defs.set(s.name, s.nameRange);
  const add = (kind: Kind, fname: string | null | undefined, fn: string | null, at: Range, end?: string | null) => {
    const regName = fname === undefined ? fn : fname;
    if (!regName) {
      lib.complete = false;
      return;
    }
    const range = (fn && defs.get(fn)) || at;
    const entry: Registered = { name: regName, at: { file, range } };
    if (kind === "filter") lib.filters.set(regName, entry);
    else {
      if (kind === "simple_block_tag") entry.end = end ?? `end${regName}`;
      lib.tags.set(regName, entry);
    }
  };
  // Calls are matched by where they start: decorator expressions and the calls list may be distinct objects.
  const handled = new Set<string>();
  const key = (c: CallExpr) => `${c.range.start.line}:${c.range.start.character}`;
  for (const s of topLevel(summary.statements)) {
    if (s.kind !== "def") continue;
    for (const d of s.decorators) {
      const bare = registerKind(d);
      if (bare) {
        add(bare, undefined, s.name, s.nameRange);
        continue;
      }
      if (d.kind === "call") {
        const kind = registerKind(d.func);
        if (!kind) continue;
        handled.add(key(d));
        const endKw = keyword(d, "end_name");
        add(kind, explicitName(kind, d), s.name, s.nameRange, endKw ? stringValue(endKw.value) : undefined);
      }
    }
  }
  // register.inclusion_tag("x.html")(fn): the outer call names the function.
  for (const { call } of summary.calls) {
    if (call.func.kind !== "call" || handled.has(key(call.func))) continue;
    const kind = registerKind(call.func.func);
    if (!kind) continue;
    handled.add(key(call.func));
    add(kind, explicitName(kind, call.func), call.args[0] ? dottedName(call.args[0]) : null, call.range);
  }
  for (const site of summary.calls) {
    const call = site.call;
    if (handled.has(key(call))) continue;
    const kind = registerKind(call.func);
    if (!kind) {
      if (site.callee?.startsWith("register.")) lib.complete = false;
      continue;
    }
    const fnArg = kind === "filter" ? (keyword(call, "filter_func")?.value ?? call.args[1] ?? (call.args[0]?.kind !== "str" ? call.args[0] : undefined))
      : kind === "tag" ? (keyword(call, "compile_function")?.value ?? call.args[1] ?? (call.args[0]?.kind !== "str" ? call.args[0] : undefined))
      : (keyword(call, "func")?.value ?? call.args[0]);
    const fn = fnArg ? dottedName(fnArg) : null;
    if (!fnArg) continue; // a decorator factory call such as register.filter(is_safe=True) used elsewhere
    add(kind, explicitName(kind, call), fn, call.range);
  }
  // `register.filters[...] = …` and the like: not modelled.
  for (const s of topLevel(summary.statements)) if (assignsToRegister(s)) lib.complete = false;
  for (const str of summary.strings) if (/^[a-z_]\w*$/.test(str.value)) lib.consumed.add(str.value);
  return lib;
}

function assignsToRegister(s: Stmt): boolean {
  if (s.kind !== "assign" && s.kind !== "augassign") return false;
  const targets = s.kind === "assign" ? s.targets : [s.target];
  return targets.some((t) => {
    const base = t.kind === "subscript" ? t.value : t;
    return (dottedName(base) ?? "").startsWith("register.");
  });
}
