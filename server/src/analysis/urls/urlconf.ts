// One URLconf module read on its own, memoised per module in the index: its `urlpatterns` as
// entries (patterns, includes not yet followed, unknown parts), `app_name` and registered
// converters. A small interpreter follows the statements that build lists at module level:
// `=`, `+=`, `+ static(...)`, `.append/.extend/.insert`, DRF routers, `if settings.DEBUG:`
// (decided from settings when possible, else both branches marked conditional).
import type { DjangoProject } from "../../project/project";
import { keyword, stringValue } from "../../python/exprUtil";
import type { CallExpr, Expr, Stmt } from "../../python/types";
import { adminSiteEntries } from "./admin";
import { type ModuleCtx, at, evalCondition, moduleCtx, originOf, pyRepr, pyStr, setting, truthy } from "./context";
import { type RouterState, routerEntries, suffixPatterns } from "./drf";
import { pyReEscape } from "./pyRegex";
import type { PatternSpec } from "./routes";
import type { ExtraKwargs, IncludeTarget, LocalEntry, RegisteredConverter, UrlConfModule } from "./types";
import { converterFromClass } from "./converters";
import { external, resolveView } from "./views";

const PATH = new Set(["django.urls.path", "django.urls.conf.path"]);
const RE_PATH = new Set(["django.urls.re_path", "django.urls.conf.re_path", "django.conf.urls.url", "django.conf.urls.re_path"]);
const INCLUDE = new Set(["django.urls.include", "django.urls.conf.include", "django.conf.urls.include"]);
const STATIC = "django.conf.urls.static.static";
const STATICFILES = "django.contrib.staticfiles.urls.staticfiles_urlpatterns";
const I18N = "django.conf.urls.i18n.i18n_patterns";
const ROUTERS: Record<string, "default" | "simple"> = {
  "rest_framework.routers.DefaultRouter": "default",
  "rest_framework.routers.SimpleRouter": "simple",
};
const FORMAT_SUFFIX = "rest_framework.urlpatterns.format_suffix_patterns";
const REGISTER_CONVERTER = new Set(["django.urls.register_converter", "django.urls.converters.register_converter"]);
const ADMIN_SITE_URLS = new Set(["django.contrib.admin.site.urls", "django.contrib.admin.sites.site.urls"]);

export function readUrlConf(project: DjangoProject, module: string): UrlConfModule | null {
  return project.index.memo(`urlconf:${project.managePy}:${project.options.settingsModule ?? ""}:${module}`, () => {
    const ctx = moduleCtx(project, module);
    if (!ctx) return null;
    const r = new Reader(ctx);
    r.statements(ctx.summary.statements, false);
    const patterns = r.lists.get("urlpatterns");
    return {
      module,
      file: ctx.file,
      entries: patterns ?? null,
      appName: r.appName,
      appNameAt: r.appNameAt,
      converters: r.converters,
      problems: r.problems,
      includedModules: includedModules(patterns ?? []),
    };
  });
}

/** The modules include()d anywhere in the patterns (inline lists included), in order, once each. */
function includedModules(entries: LocalEntry[], out: string[] = []): string[] {
  for (const e of entries) {
    if (e.kind !== "include") continue;
    if (e.target.kind === "inline") includedModules(e.target.entries, out);
    else if (!out.includes(e.target.module)) out.push(e.target.module);
  }
  return out;
}

class Reader {
  lists = new Map<string, LocalEntry[]>();
  routers = new Map<string, RouterState>();
  appName: string | null = null;
  appNameAt: UrlConfModule["appNameAt"];
  converters: RegisteredConverter[] = [];
  problems: { reason: string; at: import("../../python/types").Location }[] = [];
  private conditional = false;

  constructor(readonly ctx: ModuleCtx) {}

  statements(stmts: Stmt[], conditional: boolean): void {
    const saved = this.conditional;
    this.conditional = conditional;
    for (const s of stmts) this.statement(s);
    this.conditional = saved;
  }

  private unknown(reason: string, e: { range: Expr["range"] }): LocalEntry {
    this.problems.push({ reason, at: at(this.ctx, e) });
    return { kind: "unknown", reason, at: at(this.ctx, e), conditional: this.conditional || undefined };
  }

  private mark(entries: LocalEntry[]): LocalEntry[] {
    return this.conditional ? entries.map((x) => ({ ...x, conditional: true })) : entries;
  }

  private statement(s: Stmt): void {
    switch (s.kind) {
      case "assign": {
        if (!s.value || s.targets.length !== 1 || s.targets[0].kind !== "name") {
          for (const t of s.targets) if (t.kind === "name" && this.lists.has(t.id)) this.lists.set(t.id, [this.unknown(`'${t.id}' is assigned in a way we cannot follow`, s)]);
          return;
        }
        const name = s.targets[0].id;
        if (name === "app_name") {
          this.appName = stringValue(s.value);
          this.appNameAt = at(this.ctx, s.value);
          return;
        }
        const router = this.routerCtor(s.value);
        if (router) {
          this.routers.set(name, router);
          return;
        }
        if (name === "urlpatterns" || this.lists.has(name) || this.looksLikeList(s.value)) {
          const value = this.listValue(s.value);
          const before = this.lists.get(name);
          // Assigned in an undecided branch: the earlier patterns may still be what Django sees.
          this.lists.set(name, this.conditional && before ? [...before, ...this.mark(value)] : this.mark(value));
        }
        return;
      }
      case "augassign":
        if (s.target.kind === "name" && s.op.startsWith("+") && (this.lists.has(s.target.id) || s.target.id === "urlpatterns")) {
          this.lists.set(s.target.id, [...(this.lists.get(s.target.id) ?? []), ...this.mark(this.listValue(s.value))]);
        }
        return;
      case "expr":
        if (s.value.kind === "call") this.callStatement(s.value);
        return;
      case "if": {
        const cond = evalCondition(this.ctx, s.test);
        if (cond === true) this.statements(s.body, this.conditional);
        else if (cond === false) this.statements(s.orelse, this.conditional);
        else {
          this.statements(s.body, true);
          this.statements(s.orelse, true);
        }
        return;
      }
      case "try":
        // Django imports the module: the body runs; handlers only when it raised (not modelled).
        this.statements(s.body, this.conditional);
        this.statements(s.orelse, this.conditional);
        this.statements(s.finalbody, this.conditional);
        return;
      case "other":
        this.opaqueBlock(s.body, s);
        return;
      default:
        return;
    }
  }

  /** Loops and `with` blocks that touch a pattern list: its content becomes unknown in part. */
  private opaqueBlock(body: Stmt[], s: Stmt): void {
    const touched = new Set<string>();
    const visit = (stmts: Stmt[]) => {
      for (const t of stmts) {
        if (t.kind === "augassign" && t.target.kind === "name") touched.add(t.target.id);
        if (t.kind === "assign") for (const x of t.targets) if (x.kind === "name") touched.add(x.id);
        if (t.kind === "expr" && t.value.kind === "call" && t.value.func.kind === "attr" && t.value.func.object.kind === "name") {
          touched.add(t.value.func.object.id);
        }
        if (t.kind === "if" || t.kind === "other") visit(t.kind === "if" ? [...t.body, ...t.orelse] : t.body);
      }
    };
    visit(body);
    for (const name of touched) {
      const list = this.lists.get(name);
      if (list) list.push(this.unknown(`'${name}' is changed inside a loop or block`, s));
      const router = this.routers.get(name);
      if (router) router.incomplete = "registrations inside a loop or block";
    }
  }

  private looksLikeList(e: Expr): boolean {
    if (e.kind === "list" || e.kind === "tuple" || e.kind === "comprehension") return true;
    if (e.kind === "binop") return this.looksLikeList(e.left) || this.looksLikeList(e.right);
    if (e.kind === "call") {
      const o = originOf(this.ctx, e.func);
      return o === I18N || o === STATIC || o === FORMAT_SUFFIX || o === STATICFILES;
    }
    return false;
  }

  private routerCtor(e: Expr): RouterState | null {
    if (e.kind !== "call") return null;
    const o = originOf(this.ctx, e.func);
    const kind = o ? ROUTERS[o] : undefined;
    if (!kind) return null;
    const ts = keyword(e, "trailing_slash")?.value ?? e.args[0];
    const rx = keyword(e, "use_regex_path")?.value ?? e.args[1];
    const bool = (x: Expr | undefined, dflt: boolean) => (x === undefined ? dflt : x.kind === "const" && typeof x.value === "boolean" ? x.value : null);
    const trailing = bool(ts, true);
    const useRegex = bool(rx, true);
    return {
      kind,
      trailingSlash: trailing ?? true,
      useRegex: useRegex ?? true,
      registrations: [],
      at: at(this.ctx, e),
      incomplete: trailing === null || useRegex === null ? "router options are not literal" : null,
    };
  }

  private callStatement(call: CallExpr): void {
    const f = call.func;
    const o = originOf(this.ctx, f);
    if (o && REGISTER_CONVERTER.has(o)) {
      const name = stringValue(call.args[1] ?? keyword(call, "type_name")?.value);
      const cls = call.args[0] ?? keyword(call, "converter")?.value;
      if (name && cls) this.converters.push(converterFromClass(this.ctx, name, cls, at(this.ctx, call)));
      return;
    }
    if (f.kind !== "attr" || f.object.kind !== "name") return;
    const target = f.object.id;
    const router = this.routers.get(target);
    if (router && f.attr === "register") {
      const prefix = call.args[0] ?? keyword(call, "prefix")?.value;
      const viewset = call.args[1] ?? keyword(call, "viewset")?.value;
      const basename = call.args[2] ?? keyword(call, "basename")?.value ?? keyword(call, "base_name")?.value;
      const p = prefix ? stringValue(prefix) : null;
      if (p === null || !viewset || (basename && stringValue(basename) === null)) {
        router.incomplete = "a registration that is not literal";
        return;
      }
      router.registrations.push({ prefix: p, viewset, basename: basename ? stringValue(basename) : null, at: at(this.ctx, call), conditional: this.conditional });
      return;
    }
    const list = this.lists.get(target);
    if (!list) return;
    if (f.attr === "append" && call.args.length === 1) list.push(...this.mark(this.listItem(call.args[0])));
    else if (f.attr === "extend" && call.args.length === 1) list.push(...this.mark(this.listValue(call.args[0])));
    else if (f.attr === "insert" && call.args.length === 2) {
      const idx = call.args[0].kind === "num" ? Number(call.args[0].raw) : NaN;
      const items = this.mark(this.listItem(call.args[1]));
      if (Number.isInteger(idx) && idx >= 0) list.splice(Math.min(idx, list.length), 0, ...items);
      else list.push(this.unknown("insert() at a position that is not a literal", call));
    } else list.push(this.unknown(`'${target}.${f.attr}()' changes the patterns in a way we cannot follow`, call));
  }

  /** The patterns an expression evaluates to, as a list. */
  listValue(e: Expr): LocalEntry[] {
    switch (e.kind) {
      case "list":
      case "tuple":
        return e.elts.flatMap((x) => (x.kind === "starred" ? this.listValue(x.value) : this.listItem(x)));
      case "binop":
        if (e.op === "+") return [...this.listValue(e.left), ...this.listValue(e.right)];
        return [this.unknown("an operation on pattern lists we cannot follow", e)];
      case "name": {
        const list = this.lists.get(e.id);
        if (list) return [...list];
        return this.importedList(e) ?? [this.unknown(`'${e.id}' is not a pattern list we can read`, e)];
      }
      case "attr": {
        if (e.attr === "urls" && e.object.kind === "name" && this.routers.has(e.object.id)) {
          return routerEntries(this.ctx, this.routers.get(e.object.id)!);
        }
        return this.importedList(e) ?? [this.unknown(`'${e.attr}' is not a pattern list we can read`, e)];
      }
      case "call":
        return this.listCall(e);
      case "comprehension":
        return [this.unknown("a comprehension builds these patterns", e)];
      default:
        return [this.unknown("patterns built by code we cannot evaluate", e)];
    }
  }

  /** `from other.urls import urlpatterns as x` or `other_urls.urlpatterns`. */
  private importedList(e: Expr): LocalEntry[] | null {
    const o = originOf(this.ctx, e);
    if (!o) return null;
    const dot = o.lastIndexOf(".");
    const mod = o.slice(0, dot);
    if (mod === this.ctx.module || !this.ctx.project.modules.resolveModule(mod)) return null;
    const other = readUrlConf(this.ctx.project, mod);
    if (!other || o.slice(dot + 1) !== "urlpatterns" || !other.entries) return null;
    return other.entries;
  }

  private listCall(call: CallExpr): LocalEntry[] {
    const o = originOf(this.ctx, call.func);
    if (o === STATIC) {
      const kwargs: Record<string, string> = {};
      for (const k of call.keywords) {
        if (k.name === "prefix" || k.name === "view") continue;
        const v = pyStr(k.value) ?? this.settingString(k.value);
        if (v === null) return [this.unknown("static() kwargs we cannot evaluate", call)];
        kwargs[k.name] = v;
      }
      return this.staticPatterns(call, call.args[0] ?? keyword(call, "prefix")?.value, call.args[1] ?? keyword(call, "view")?.value, undefined, kwargs);
    }
    if (o === STATICFILES) {
      const prefix = call.args[0] ?? keyword(call, "prefix")?.value;
      return this.staticPatterns(call, prefix ?? null, null, "django.contrib.staticfiles.views.serve");
    }
    if (o === I18N) {
      const children = call.args.flatMap((x) => (x.kind === "starred" ? this.listValue(x.value) : this.listItem(x)));
      const pdl = keyword(call, "prefix_default_language")?.value;
      const useI18n = truthy(setting(this.ctx.project, "USE_I18N"));
      const lang = setting(this.ctx.project, "LANGUAGE_CODE");
      if (useI18n === false) return children;
      if (useI18n === null || lang?.k !== "str" || (pdl && !(pdl.kind === "const" && typeof pdl.value === "boolean"))) {
        return [this.unknown("i18n_patterns() with settings we cannot read", call)];
      }
      const prefix = pdl && pdl.kind === "const" && pdl.value === false ? "" : `${lang.v}/`;
      const target: IncludeTarget = { kind: "inline", entries: children, appName: null };
      return [{ kind: "include", spec: { kind: "locale", prefix }, target, namespace: null, appName: null, kwargs: {}, at: at(this.ctx, call), conditional: this.conditional || undefined }];
    }
    if (o === FORMAT_SUFFIX) {
      const inner = call.args[0] ? this.listValue(call.args[0]) : [];
      return suffixPatterns(this.ctx, inner, call);
    }
    return [this.unknown(`'${o ?? "a call"}' returns patterns we cannot read`, call)];
  }

  /** django.conf.urls.static.static(): one regex pattern when DEBUG and the prefix is local. */
  private staticPatterns(
    call: CallExpr,
    prefixExpr: Expr | null | undefined,
    viewExpr: Expr | null | undefined,
    defaultView = "django.views.static.serve",
    kwargs: Record<string, string> = {},
  ): LocalEntry[] {
    const debug = truthy(setting(this.ctx.project, "DEBUG"));
    if (debug === false) return [];
    let prefix: string | null;
    if (prefixExpr === null) {
      const v = setting(this.ctx.project, "STATIC_URL");
      prefix = v?.k === "str" ? v.v : null;
    } else if (!prefixExpr) prefix = null;
    else prefix = stringValue(prefixExpr) ?? this.settingString(prefixExpr);
    if (debug === null || prefix === null) return [this.unknown("static() with settings we cannot read", call)];
    if (!prefix || /^[a-z][a-z0-9+.-]*:\/\//i.test(prefix) || prefix.startsWith("//")) return [];
    const view = viewExpr ? resolveView(this.ctx, viewExpr).view : external(defaultView);
    const regex = `^${pyReEscape(prefix.replace(/^\/+/, ""))}(?P<path>.*)$`;
    return [{ kind: "pattern", spec: { kind: "regex", regex }, view, name: null, kwargs, at: at(this.ctx, call), conditional: this.conditional || undefined }];
  }

  private settingString(e: Expr): string | null {
    const o = originOf(this.ctx, e);
    if (!o?.startsWith("django.conf.settings.")) return null;
    const v = setting(this.ctx.project, o.slice("django.conf.settings.".length));
    // str() of a pathlib.Path is its text; the evaluator keeps paths absolute and normalised.
    return v?.k === "str" || v?.k === "path" ? v.v : null;
  }

  /** One element of a pattern list. */
  listItem(e: Expr): LocalEntry[] {
    if (e.kind === "call") {
      const o = originOf(this.ctx, e.func);
      if (o && (PATH.has(o) || RE_PATH.has(o))) return [this.pathCall(e, PATH.has(o) ? "route" : "regex")];
      if (o && INCLUDE.has(o)) {
        return [{ kind: "invalid", repr: null, hint: "Try using path() instead of a tuple.", at: at(this.ctx, e), conditional: this.conditional || undefined }];
      }
      return [this.unknown(`'${o ?? "a call"}' is not a pattern we can read`, e)];
    }
    if (e.kind === "str") {
      const v = stringValue(e);
      return [{
        kind: "invalid",
        repr: v === null ? null : pyRepr(v),
        hint: v === null ? null : `Try removing the string '${v}'. The list of urlpatterns should not have a prefix string as the first element.`,
        at: at(this.ctx, e),
        conditional: this.conditional || undefined,
      }];
    }
    if (e.kind === "tuple") {
      return [{ kind: "invalid", repr: null, hint: "Try using path() instead of a tuple.", at: at(this.ctx, e), conditional: this.conditional || undefined }];
    }
    return [this.unknown("an entry we cannot evaluate", e)];
  }

  private pathCall(call: CallExpr, kind: "route" | "regex"): LocalEntry {
    const routeExpr = call.args[0] ?? keyword(call, "route")?.value;
    const viewExpr = call.args[1] ?? keyword(call, "view")?.value;
    const kwargsExpr = call.args[2] ?? keyword(call, "kwargs")?.value;
    const nameExpr = call.args[3] ?? keyword(call, "name")?.value;
    const route = routeExpr ? stringValue(routeExpr) : null;
    if (route === null || !viewExpr) return this.unknown("a pattern whose route is not a string literal", call);
    const spec: PatternSpec = kind === "route" ? { kind: "route", route } : { kind: "regex", regex: route };
    const kwargs = this.kwargsOf(kwargsExpr);
    const loc = at(this.ctx, call);
    const conditional = this.conditional || undefined;
    const inc = this.includeOf(viewExpr);
    if (inc) {
      return { kind: "include", spec, target: inc.target, namespace: inc.namespace, appName: inc.appName, kwargs, at: loc, targetAt: inc.targetAt, conditional };
    }
    if (inc === undefined) return this.unknown("an include() we cannot follow", viewExpr);
    let name: string | null = null;
    if (nameExpr && !(nameExpr.kind === "const" && nameExpr.value === null)) {
      name = stringValue(nameExpr);
      if (name === null) return this.unknown("a pattern whose name is not a string literal", nameExpr);
    }
    const view = resolveView(this.ctx, viewExpr).view;
    return { kind: "pattern", spec, view, name, kwargs, at: loc, viewAt: at(this.ctx, viewExpr), nameAt: nameExpr ? at(this.ctx, nameExpr) : undefined, conditional };
  }

  private kwargsOf(e: Expr | undefined): ExtraKwargs {
    if (!e || (e.kind === "const" && e.value === null)) return {};
    if (e.kind !== "dict") return "unknown";
    const out: Record<string, string> = {};
    for (const item of e.items) {
      const k = item.key ? stringValue(item.key) : null;
      const v = pyStr(item.value);
      if (k === null || v === null) return "unknown";
      out[k] = v;
    }
    return out;
  }

  /**
   * The include a view argument stands for: null when it is a view, undefined when it is an
   * include we cannot follow.
   */
  private includeOf(e: Expr): { target: IncludeTarget; namespace: string | null; appName: string | null; targetAt?: import("../../python/types").Location } | null | undefined {
    const o = e.kind === "call" ? originOf(this.ctx, e.func) : originOf(this.ctx, e);
    if (o && ADMIN_SITE_URLS.has(o)) return { target: { kind: "inline", entries: adminSiteEntries(this.ctx, at(this.ctx, e)), appName: "admin" }, namespace: "admin", appName: "admin", targetAt: at(this.ctx, e) };
    if (e.kind === "tuple" || e.kind === "list") {
      // (patterns, app_name, namespace): what include() returns, or admin.site.urls spelled out.
      if (e.elts.length !== 3) return undefined;
      const app = stringValue(e.elts[1]);
      const ns = stringValue(e.elts[2]);
      if (app === null || ns === null) return undefined;
      return { target: { kind: "inline", entries: this.listValue(e.elts[0]), appName: app }, namespace: ns, appName: app, targetAt: at(this.ctx, e.elts[0]) };
    }
    if (e.kind !== "call" || !o || !INCLUDE.has(o)) return null;
    const arg = e.args[0] ?? keyword(e, "arg")?.value;
    const nsExpr = e.args[1] ?? keyword(e, "namespace")?.value;
    let namespace: string | null = null;
    if (nsExpr && !(nsExpr.kind === "const" && nsExpr.value === null)) {
      namespace = stringValue(nsExpr);
      if (namespace === null) return undefined;
    }
    if (!arg) return undefined;
    const targetAt = at(this.ctx, arg);
    const str = stringValue(arg);
    if (str !== null) return { target: { kind: "module", module: str }, namespace, appName: null, targetAt };
    if (arg.kind === "tuple") {
      if (arg.elts.length !== 2) return undefined;
      const app = stringValue(arg.elts[1]);
      if (app === null) return undefined;
      const inner = arg.elts[0];
      const mod = stringValue(inner) ?? this.moduleRef(inner);
      if (mod) return { target: { kind: "module", module: mod }, namespace, appName: app, targetAt };
      return { target: { kind: "inline", entries: this.listValue(inner), appName: app }, namespace, appName: app, targetAt };
    }
    const mod = this.moduleRef(arg);
    if (mod) return { target: { kind: "module", module: mod }, namespace, appName: null, targetAt };
    return { target: { kind: "inline", entries: this.listValue(arg), appName: null }, namespace, appName: null, targetAt };
  }

  /** A name that refers to an imported module (`from shop import urls as shop_urls`). */
  private moduleRef(e: Expr): string | null {
    if (e.kind !== "name" && e.kind !== "attr") return null;
    if (e.kind === "name" && this.lists.has(e.id)) return null;
    const o = originOf(this.ctx, e);
    if (!o) return null;
    const mod = this.ctx.project.modules.resolveModule(o);
    return mod ? o : null;
  }
}

export { pyStr };
