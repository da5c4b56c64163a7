// `admin.site.urls` as `AdminSite.get_urls()` writes it: the site's own views, then per
// registered model (in registration order: apps in INSTALLED_APPS order, as autodiscover imports
// each `<app>.admin`) the ModelAdmin's views under `<app_label>/<model_name>/`, the app index
// regex over the labels seen, and the catch-all. Registrations are read statically from each
// workspace app's admin module; Django's own apps have theirs catalogued.
//
// Incrementality: each app's admin module is read in its own memo into plain facts (labels, model
// names, the ModelAdmin's view overrides, where), and both those memos and the project's list are
// cutoff memos compared by value. An edit to a models.py re-reads that app's registrations (they
// look the models up) but, as long as the registered models stay the same, nothing that reads the
// list (the root URLconf, the URL map) is recomputed.
import type { DjangoProject } from "../../project/project";
import { atLeast } from "../../project/djangoVersion";
import { assignedValue, dottedName, keyword, stringValue, topLevel } from "../../python/exprUtil";
import { deepEqual } from "../../project/equal";
import type { Expr, Location, Range } from "../../python/types";
import { appRegistry } from "../settings/apps";
import { readSettings } from "../settings/settings";
import { type ModuleCtx, at, moduleCtx, originOf } from "./context";
import type { LocalEntry, PatternEntry, ViewTarget } from "./types";

const SITES = "django.contrib.admin.sites";
const OPTIONS = "django.contrib.admin.options";
const AUTH_ADMIN = "django.contrib.auth.admin";
const ADMIN_REGISTER = new Set(["django.contrib.admin.register", "django.contrib.admin.decorators.register"]);
const SITE_REGISTER = new Set(["django.contrib.admin.site.register", "django.contrib.admin.sites.site.register"]);
const SITE_UNREGISTER = new Set(["django.contrib.admin.site.unregister", "django.contrib.admin.sites.site.unregister"]);
/** Installed packages known to register nothing with the default admin site. */
const NO_ADMIN = new Set(["rest_framework", "django_filters", "corsheaders", "crispy_forms", "django_extensions", "debug_toolbar", "storages", "widget_tweaks"]);

interface AdminClass {
  /** The workspace ModelAdmin subclass, if any: its own methods (name → name range). */
  cls: { name: string; module: string; file: string; methods: Record<string, Range> } | null;
  userAdmin: boolean;
  /** get_urls overridden, or a base we cannot read. */
  opaque: boolean;
}

interface Registration {
  appLabel: string;
  modelName: string;
  admin: AdminClass;
  at: Location | null;
}

const PLAIN: AdminClass = { cls: null, userAdmin: false, opaque: false };

function ext(module: string, symbol: string): ViewTarget {
  return { module, symbol, file: null, range: null };
}

/** The ModelAdmin class facts: workspace chain up to Django's ModelAdmin/UserAdmin. */
function adminClass(project: DjangoProject, ctx: ModuleCtx, e: Expr | null, depth = 0): AdminClass {
  if (!e) return PLAIN;
  const o = originOf(ctx, e);
  if (o === "django.contrib.admin.ModelAdmin" || o === `${OPTIONS}.ModelAdmin`) return PLAIN;
  if (o === `${AUTH_ADMIN}.UserAdmin`) return { cls: null, userAdmin: true, opaque: false };
  if (o === `${AUTH_ADMIN}.GroupAdmin`) return PLAIN;
  const d = dottedName(e);
  const sym = d ? project.modules.lookupIn(ctx.resolved, d.split(".")) : null;
  if (!sym || sym.def?.kind !== "class" || !sym.file || depth > 6) return { cls: null, userAdmin: false, opaque: true };
  const owner = moduleCtx(project, sym.module.name);
  let userAdmin = false;
  let opaque = sym.def.body.some((s) => s.kind === "def" && s.name === "get_urls");
  for (const b of sym.def.bases) {
    const base = owner ? adminClass(project, owner, b, depth + 1) : { cls: null, userAdmin: false, opaque: true };
    userAdmin ||= base.userAdmin;
    opaque ||= base.opaque;
  }
  const methods: Record<string, Range> = Object.create(null);
  for (const st of sym.def.body) if (st.kind === "def" && !(st.name in methods)) methods[st.name] = st.nameRange;
  return { cls: { name: sym.def.name, module: sym.module.name, file: sym.file, methods }, userAdmin, opaque };
}

/** A view method: the workspace class's own override, else Django's. */
function method(admin: AdminClass, name: string, djangoOwner: ViewTarget): ViewTarget {
  const range = admin.cls?.methods[name];
  if (admin.cls && range) return { module: admin.cls.module, symbol: `${admin.cls.name}.${name}`, file: admin.cls.file, range };
  return djangoOwner;
}

function modelOf(project: DjangoProject, ctx: ModuleCtx, e: Expr, labels: Map<string, string>): { appLabel: string; modelName: string } | null {
  const o = originOf(ctx, e);
  if (o?.startsWith("django.contrib.")) {
    const m = /^django\.contrib\.(\w+)\.models\.(\w+)$/.exec(o);
    return m ? { appLabel: m[1], modelName: m[2].toLowerCase() } : null;
  }
  const d = dottedName(e);
  const sym = d ? project.modules.lookupIn(ctx.resolved, d.split(".")) : null;
  if (!sym || sym.def?.kind !== "class") return null;
  const meta = sym.def.body.find((s) => s.kind === "class" && s.name === "Meta");
  const explicit = meta?.kind === "class" ? stringValue(assignedValue(meta.body, "app_label")) : null;
  if (explicit) return { appLabel: explicit, modelName: sym.def.name.toLowerCase() };
  let best: string | null = null;
  for (const name of labels.keys()) {
    if ((sym.module.name === name || sym.module.name.startsWith(name + ".")) && (!best || name.length > best.length)) best = name;
  }
  return best ? { appLabel: labels.get(best)!, modelName: sym.def.name.toLowerCase() } : null;
}

type AdminOp = { op: "add"; reg: Registration } | { op: "unregister"; appLabel: string; modelName: string };

/** Registrations with the default site, in order, and whether they are all known. Compared by value. */
function registrations(project: DjangoProject): { regs: Registration[]; complete: boolean } {
  return project.index.memo(
    `admin-registrations:${project.managePy}:${project.options.settingsModule ?? ""}`,
    () => {
      const registry = appRegistry(project);
      const settings = readSettings(project);
      let complete = registry.complete;
      const regs: Registration[] = [];
      const add = (r: Registration) => {
        if (!regs.some((x) => x.appLabel === r.appLabel && x.modelName === r.modelName)) regs.push(r);
      };
      for (const app of registry.apps) {
        if (app.maybe) complete = false;
        if (app.origin === "django") {
          if (app.name === "django.contrib.auth") {
            add({ appLabel: "auth", modelName: "group", admin: PLAIN, at: null });
            if ((settings.authUserModel ?? "auth.User") === "auth.User") add({ appLabel: "auth", modelName: "user", admin: { cls: null, userAdmin: true, opaque: false }, at: null });
            if (settings.authUserModel === null) complete = false;
          } else if (app.name === "django.contrib.sites") add({ appLabel: "sites", modelName: "site", admin: PLAIN, at: null });
          else if (app.name === "django.contrib.redirects") add({ appLabel: "redirects", modelName: "redirect", admin: PLAIN, at: null });
          else if (app.name === "django.contrib.flatpages") add({ appLabel: "flatpages", modelName: "flatpage", admin: PLAIN, at: null });
          continue;
        }
        if (app.origin === "external") {
          if (!NO_ADMIN.has(app.name)) complete = false;
          continue;
        }
        const own = appAdminOps(project, app.name);
        if (!own.complete) complete = false;
        for (const o of own.ops) {
          if (o.op === "add") add(o.reg);
          else {
            const i = regs.findIndex((r) => r.appLabel === o.appLabel && r.modelName === o.modelName);
            if (i >= 0) regs.splice(i, 1);
          }
        }
      }
      return { regs, complete };
    },
    { equals: deepEqual },
  );
}

/**
 * What one workspace app's `<app>.admin` module does to the default site, in order. A memo of its
 * own, compared by value: a models.py edit re-reads only the admin modules that look its models up.
 */
function appAdminOps(project: DjangoProject, appName: string): { ops: AdminOp[]; complete: boolean } {
  return project.index.memo(
    `admin-registrations-app:${project.managePy}:${project.options.settingsModule ?? ""}:${appName}`,
    () => {
      const ops: AdminOp[] = [];
      let complete = true;
      const ctx = moduleCtx(project, `${appName}.admin`);
      if (!ctx) return { ops, complete };
      const labels = new Map(appRegistry(project).apps.map((a) => [a.name, a.label] as [string, string]));
      for (const s of topLevel(ctx.summary.statements)) {
        if (s.kind === "class") {
          for (const d of s.decorators) {
            if (d.kind !== "call" || !ADMIN_REGISTER.has(originOf(ctx, d.func) ?? "")) continue;
            if (keyword(d, "site")) {
              complete = false;
              continue;
            }
            const admin = adminClass(project, ctx, { kind: "name", id: s.name, range: s.nameRange });
            for (const m of d.args) {
              const model = modelOf(project, ctx, m, labels);
              if (!model) complete = false;
              else ops.push({ op: "add", reg: { ...model, admin, at: at(ctx, d) } });
            }
          }
        } else if (s.kind === "expr" && s.value.kind === "call") {
          const call = s.value;
          const o = originOf(ctx, call.func) ?? "";
          const unregister = SITE_UNREGISTER.has(o);
          if (!SITE_REGISTER.has(o) && !unregister) {
            if (/\bregister$/.test(dottedName(call.func) ?? "")) complete = false; // another site, or code we cannot follow
            continue;
          }
          const first = call.args[0];
          const models = first?.kind === "list" || first?.kind === "tuple" ? first.elts : first ? [first] : [];
          const admin = unregister ? PLAIN : adminClass(project, ctx, call.args[1] ?? keyword(call, "admin_class")?.value ?? null);
          for (const m of models) {
            const model = modelOf(project, ctx, m, labels);
            if (!model) complete = false;
            else if (unregister) ops.push({ op: "unregister", ...model });
            else ops.push({ op: "add", reg: { ...model, admin, at: at(ctx, call) } });
          }
        } else if (s.kind === "other") complete = false;
      }
      return { ops, complete };
    },
    { equals: deepEqual },
  );
}

function endpoint(route: string, view: ViewTarget, name: string | null, loc: Location): PatternEntry {
  return { kind: "pattern", spec: { kind: "route", route }, view, name, kwargs: {}, at: loc };
}

/** The patterns of `admin.site.urls`, `loc` being where the URLconf names it. */
export function adminSiteEntries(ctx: ModuleCtx, loc?: Location): LocalEntry[] {
  const project = ctx.project;
  const where = loc ?? { file: ctx.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  const site = (m: string) => ext(SITES, `AdminSite.${m}`);
  const v = project.djangoVersion();
  const out: LocalEntry[] = [
    endpoint("", site("index"), "index", where),
    endpoint("login/", site("login"), "login", where),
    endpoint("logout/", site("logout"), "logout", where),
    endpoint("password_change/", site("password_change"), "password_change", where),
    endpoint("password_change/done/", site("password_change_done"), "password_change_done", where),
    endpoint("autocomplete/", site("autocomplete_view"), "autocomplete", where),
    endpoint("jsi18n/", site("i18n_javascript"), "jsi18n", where),
    endpoint(
      atLeast(v, 5, 0) ? "r/<path:content_type_id>/<path:object_id>/" : "r/<int:content_type_id>/<path:object_id>/",
      ext("django.contrib.contenttypes.views", "shortcut"),
      "view_on_site",
      where,
    ),
  ];
  const { regs, complete } = registrations(project);
  if (!complete) out.push({ kind: "unknown", reason: "admin registrations we cannot read in full", at: where });
  const labels: string[] = [];
  for (const r of regs) {
    const rl = r.at ?? where;
    const info = `${r.appLabel}_${r.modelName}`;
    const ma = (m: string) => method(r.admin, m, ext(OPTIONS, `ModelAdmin.${m}`));
    const children: LocalEntry[] = [];
    if (r.admin.userAdmin) {
      children.push(endpoint("<id>/password/", method(r.admin, "user_change_password", ext(AUTH_ADMIN, "UserAdmin.user_change_password")), "auth_user_password_change", rl));
    }
    children.push(
      endpoint("", ma("changelist_view"), `${info}_changelist`, rl),
      endpoint("add/", r.admin.userAdmin ? method(r.admin, "add_view", ext(AUTH_ADMIN, "UserAdmin.add_view")) : ma("add_view"), `${info}_add`, rl),
      endpoint("<path:object_id>/history/", ma("history_view"), `${info}_history`, rl),
      endpoint("<path:object_id>/delete/", ma("delete_view"), `${info}_delete`, rl),
      endpoint("<path:object_id>/change/", ma("change_view"), `${info}_change`, rl),
      endpoint("<path:object_id>/", ext("django.views.generic.base", "RedirectView"), null, rl),
    );
    if (r.admin.opaque) children.push({ kind: "unknown", reason: "a ModelAdmin whose URLs we cannot read", at: rl });
    out.push({
      kind: "include",
      spec: { kind: "route", route: `${r.appLabel}/${r.modelName}/` },
      target: { kind: "inline", entries: children, appName: null },
      namespace: null,
      appName: null,
      kwargs: {},
      at: rl,
    });
    if (!labels.includes(r.appLabel)) labels.push(r.appLabel);
  }
  if (labels.length) {
    out.push({ kind: "pattern", spec: { kind: "regex", regex: `^(?P<app_label>${labels.join("|")})/$` }, view: site("app_index"), name: "app_list", kwargs: {}, at: where });
  }
  out.push({ kind: "pattern", spec: { kind: "regex", regex: "(?P<url>.*)$" }, view: site("catch_all_view"), name: null, kwargs: {}, at: where });
  return out;
}
