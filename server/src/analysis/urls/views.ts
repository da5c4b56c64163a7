// From a view expression in a URLconf to the class or function Django would run: through
// `as_view()`, decorators applied as calls (`login_required(v)`, `cache_page(60)(v)`: Django's
// decorators keep `__wrapped__`), `functools.partial`, re-exports in `views/__init__.py`, and
// module-level aliases (`detail = DetailView.as_view()`). Views outside the workspace keep their
// dotted name (file null); a small catalogue maps Django's re-exports to their defining module.
import type { ResolvedSymbol } from "../../project/modules";
import { dottedName } from "../../python/exprUtil";
import type { Expr } from "../../python/types";
import { type ModuleCtx, moduleCtx, originOf } from "./context";
import type { ViewTarget } from "./types";

/** Where Django and DRF define the views their packages re-export. */
const DEFINED_IN: Record<string, string> = {
  "django.views.generic.View": "django.views.generic.base",
  "django.views.generic.TemplateView": "django.views.generic.base",
  "django.views.generic.RedirectView": "django.views.generic.base",
  "django.views.generic.ListView": "django.views.generic.list",
  "django.views.generic.DetailView": "django.views.generic.detail",
  "django.views.generic.FormView": "django.views.generic.edit",
  "django.views.generic.CreateView": "django.views.generic.edit",
  "django.views.generic.UpdateView": "django.views.generic.edit",
  "django.views.generic.DeleteView": "django.views.generic.edit",
  "django.views.generic.ArchiveIndexView": "django.views.generic.dates",
  "django.views.generic.YearArchiveView": "django.views.generic.dates",
  "django.views.generic.MonthArchiveView": "django.views.generic.dates",
  "django.views.generic.WeekArchiveView": "django.views.generic.dates",
  "django.views.generic.DayArchiveView": "django.views.generic.dates",
  "django.views.generic.TodayArchiveView": "django.views.generic.dates",
  "django.views.generic.DateDetailView": "django.views.generic.dates",
  "django.views.View": "django.views.generic.base",
  "rest_framework.generics.GenericAPIView": "rest_framework.generics",
};

/** Calls that return their (first) argument's view unchanged for our purposes. */
const PASS_THROUGH_METHODS = new Set(["as_view", "admin_view"]);

export interface ResolvedView {
  view: ViewTarget | null;
  /** Why it is null. */
  reason?: string;
}

export function resolveView(ctx: ModuleCtx, e: Expr, depth = 0): ResolvedView {
  if (depth > 8) return { view: null, reason: "too many indirections" };
  if (e.kind === "call") {
    const f = e.func;
    // X.as_view(...), site.admin_view(X)
    if (f.kind === "attr" && f.attr === "as_view") return resolveView(ctx, f.object, depth + 1);
    if (f.kind === "attr" && PASS_THROUGH_METHODS.has(f.attr) && e.args[0]) return resolveView(ctx, e.args[0], depth + 1);
    const origin = originOf(ctx, f);
    if ((origin === "functools.partial" || dottedName(f) === "partial") && e.args[0]) return resolveView(ctx, e.args[0], depth + 1);
    // decorator(view) or decorator(args)(view): the wrapped view is the last positional argument
    // that is itself a view reference. `functools.wraps` keeps __wrapped__, which Django follows.
    if (e.args.length === 1 && e.keywords.length === 0 && transparentDecorator(ctx, f)) return resolveView(ctx, e.args[0], depth + 1);
    return { view: null, reason: "a call whose result is not a known view" };
  }
  if (e.kind !== "name" && e.kind !== "attr") return { view: null, reason: "not a view reference" };
  const dotted = dottedName(e);
  if (!dotted) return { view: null, reason: "not a dotted name" };
  const sym = ctx.project.modules.lookupIn(ctx.resolved, dotted.split("."));
  if (sym) return fromSymbol(ctx, sym, depth);
  const origin = originOf(ctx, e);
  if (origin) {
    const top = origin.split(".")[0];
    if (!ctx.project.modules.resolveModule(top)) return { view: external(origin) };
  }
  return { view: null, reason: `'${dotted}' is not resolved` };
}

/**
 * A decorator whose wrapper keeps `__wrapped__` (functools.wraps), which the view lookup follows:
 * anything from outside the workspace (Django's and most libraries' decorators do), and workspace
 * functions whose source uses `wraps(`. A workspace decorator without it hides the view.
 */
function transparentDecorator(ctx: ModuleCtx, f: Expr): boolean {
  if (f.kind === "call") return transparentDecorator(ctx, f.func);
  const dotted = dottedName(f);
  if (!dotted) return false;
  const sym = ctx.project.modules.lookupIn(ctx.resolved, dotted.split("."));
  if (sym) {
    if (sym.kind !== "function" || !sym.file || !sym.def) return false;
    const text = ctx.project.index.text(sym.file) ?? "";
    const lines = text.split("\n").slice(sym.def.range.start.line, sym.def.range.end.line + 1).join("\n");
    return /\bwraps\(/.test(lines);
  }
  const origin = originOf(ctx, f);
  return !!origin && !ctx.project.modules.resolveModule(origin.split(".")[0]);
}

export function external(origin: string): ViewTarget {
  const dot = origin.lastIndexOf(".");
  const symbol = origin.slice(dot + 1);
  return { module: DEFINED_IN[origin] ?? origin.slice(0, dot), symbol, file: null, range: null };
}

function fromSymbol(ctx: ModuleCtx, sym: ResolvedSymbol, depth: number): ResolvedView {
  if (sym.kind === "class" || sym.kind === "function") {
    return { view: { module: sym.module.name, symbol: sym.symbol, file: sym.file, range: sym.range } };
  }
  if (sym.kind === "variable" && sym.file && !sym.symbol.includes(".")) {
    // A module-level alias: follow its value in the module that defines it.
    const other = sym.module.name === ctx.module ? ctx : moduleCtx(ctx.project, sym.module.name);
    if (!other) return { view: null, reason: "alias in an unreadable module" };
    let value: Expr | null = null;
    for (const s of other.summary.statements) {
      if (s.kind === "assign" && s.value && s.targets.some((t) => t.kind === "name" && t.id === sym.symbol)) value = s.value;
    }
    if (value) return resolveView(other, value, depth + 1);
  }
  return { view: null, reason: `'${sym.symbol}' is not a class or function` };
}
