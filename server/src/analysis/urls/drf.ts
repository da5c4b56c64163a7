// Django REST framework routers, as `SimpleRouter.get_urls()` / `DefaultRouter.get_urls()` write
// them: list and detail routes for the actions a viewset implements, `@action` routes (sorted by
// method name, as `getmembers` does), the API root, and format-suffix variants.
import { dottedName, keyword, stringValue } from "../../python/exprUtil";
import type { CallExpr, ClassDef, Expr, FunctionDef, Location, Stmt } from "../../python/types";
import { type ModuleCtx, at, moduleCtx, originOf } from "./context";
import type { LocalEntry, PatternEntry, ViewTarget } from "./types";
import { external, resolveView } from "./views";

export interface RouterState {
  kind: "default" | "simple";
  trailingSlash: boolean;
  useRegex: boolean;
  registrations: { prefix: string; viewset: Expr; basename: string | null; at: Location; conditional: boolean }[];
  at: Location;
  incomplete: string | null;
}

const ALL_ACTIONS = ["list", "create", "retrieve", "update", "partial_update", "destroy"];
const DRF_BASES: Record<string, string[]> = {
  "rest_framework.viewsets.ModelViewSet": ALL_ACTIONS,
  "rest_framework.viewsets.ReadOnlyModelViewSet": ["list", "retrieve"],
  "rest_framework.viewsets.GenericViewSet": [],
  "rest_framework.viewsets.ViewSet": [],
  "rest_framework.viewsets.ViewSetMixin": [],
  "rest_framework.mixins.ListModelMixin": ["list"],
  "rest_framework.mixins.CreateModelMixin": ["create"],
  "rest_framework.mixins.RetrieveModelMixin": ["retrieve"],
  "rest_framework.mixins.UpdateModelMixin": ["update", "partial_update"],
  "rest_framework.mixins.DestroyModelMixin": ["destroy"],
  "rest_framework.generics.GenericAPIView": [],
  "rest_framework.views.APIView": [],
};

interface ExtraAction {
  method: string;
  detail: boolean;
  urlPath: string;
  urlName: string;
}

interface ViewsetFacts {
  actions: Set<string>;
  extra: Map<string, ExtraAction>;
  attrs: Map<string, Expr>;
  complete: boolean;
}

/** Methods, @action methods and class attributes through workspace bases (nearest wins). */
function viewsetFacts(ctx: ModuleCtx, cls: ClassDef, module: string, depth = 0): ViewsetFacts {
  const facts: ViewsetFacts = { actions: new Set(), extra: new Map(), attrs: new Map(), complete: true };
  const owner = moduleCtx(ctx.project, module);
  // Bases first (in reverse MRO-ish order), so the class's own definitions override them.
  for (const b of [...cls.bases].reverse()) {
    if (!owner || depth > 6) {
      facts.complete = false;
      break;
    }
    const o = originOf(owner, b);
    if (o && DRF_BASES[o]) {
      for (const a of DRF_BASES[o]) facts.actions.add(a);
      continue;
    }
    const d = dottedName(b);
    const sym = d ? ctx.project.modules.lookupIn(owner.resolved, d.split(".")) : null;
    if (sym?.kind === "class" && sym.def?.kind === "class") {
      const inner = viewsetFacts(ctx, sym.def, sym.module.name, depth + 1);
      inner.actions.forEach((a) => facts.actions.add(a));
      inner.extra.forEach((v, k) => facts.extra.set(k, v));
      inner.attrs.forEach((v, k) => facts.attrs.set(k, v));
      facts.complete &&= inner.complete;
    } else if (!(o && /^rest_framework\./.test(o))) facts.complete = false;
  }
  for (const s of cls.body) {
    if (s.kind === "def") {
      facts.actions.add(s.name);
      const act = owner ? extraAction(owner, s) : null;
      if (act === "unknown") facts.complete = false;
      else if (act) facts.extra.set(s.name, act);
      else facts.extra.delete(s.name);
    } else if (s.kind === "assign" && s.value) {
      for (const t of s.targets) if (t.kind === "name") facts.attrs.set(t.id, s.value);
    }
  }
  return facts;
}

function extraAction(ctx: ModuleCtx, def: FunctionDef): ExtraAction | "unknown" | null {
  for (const d of def.decorators) {
    const call = d.kind === "call" ? d : null;
    const o = originOf(ctx, call ? call.func : d);
    if (o !== "rest_framework.decorators.action") continue;
    if (!call) return "unknown"; // @action without arguments fails its `detail` assertion
    const detail = keyword(call, "detail")?.value ?? call.args[1];
    if (!detail || detail.kind !== "const" || typeof detail.value !== "boolean") return "unknown";
    const up = keyword(call, "url_path")?.value;
    const un = keyword(call, "url_name")?.value;
    const urlPath = up ? stringValue(up) : def.name;
    const urlName = un ? stringValue(un) : def.name.replace(/_/g, "-");
    if (urlPath === null || urlName === null) return "unknown";
    return { method: def.name, detail: detail.value, urlPath: urlPath || def.name, urlName: urlName || def.name.replace(/_/g, "-") };
  }
  return null;
}

function strAttr(facts: ViewsetFacts, name: string): string | null | undefined {
  const v = facts.attrs.get(name);
  if (v === undefined) return undefined;
  if (v.kind === "const" && v.value === null) return null;
  return stringValue(v) ?? "\u0000unknown";
}

/** `queryset = Product.objects...` → "product" (Django's object_name.lower()). */
function defaultBasename(facts: ViewsetFacts): string | null {
  let e = facts.attrs.get("queryset");
  while (e && (e.kind === "call" || e.kind === "attr")) e = e.kind === "call" ? e.func : e.object;
  return e?.kind === "name" ? e.id.toLowerCase() : null;
}

function unknownEntry(reason: string, loc: Location): LocalEntry {
  return { kind: "unknown", reason, at: loc };
}

export function routerEntries(ctx: ModuleCtx, router: RouterState): LocalEntry[] {
  const out: LocalEntry[] = [];
  if (router.incomplete) out.push(unknownEntry(`router: ${router.incomplete}`, router.at));
  const ts = router.trailingSlash ? "/" : "";
  for (const reg of router.registrations) {
    const resolved = resolveView(ctx, reg.viewset);
    const view: ViewTarget | null = resolved.view;
    const d = dottedName(reg.viewset);
    const sym = d ? ctx.project.modules.lookupIn(ctx.resolved, d.split(".")) : null;
    if (!view || !sym || sym.def?.kind !== "class") {
      out.push(unknownEntry("a viewset we cannot read", reg.at));
      continue;
    }
    const facts = viewsetFacts(ctx, sym.def, sym.module.name);
    if (!facts.complete) out.push(unknownEntry("a viewset with bases or actions we cannot read", reg.at));
    const basename = reg.basename ?? defaultBasename(facts);
    if (basename === null) {
      out.push(unknownEntry("the router's basename cannot be derived", reg.at));
      continue;
    }
    const field = strAttr(facts, "lookup_field") ?? "pk";
    const kwarg = strAttr(facts, "lookup_url_kwarg") || field;
    let value = router.useRegex ? undefined : strAttr(facts, "lookup_value_converter");
    if (value === undefined || value === null) value = strAttr(facts, "lookup_value_regex") ?? (router.useRegex ? "[^/.]+" : "str");
    if ([field, kwarg, value].some((x) => x?.startsWith("\u0000"))) {
      out.push(unknownEntry("lookup attributes that are not literal", reg.at));
      continue;
    }
    const lookup = router.useRegex ? `(?P<${kwarg}>${value})` : `<${value}:${kwarg}>`;
    const extras = [...facts.extra.values()].sort((a, b) => (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
    const routes: { url: string; name: string; actions: string[] }[] = [
      { url: "^{prefix}{ts}$", name: `${basename}-list`, actions: ["list", "create"] },
      ...extras.filter((x) => !x.detail).map((x) => ({ url: `^{prefix}/${x.urlPath}{ts}$`, name: `${basename}-${x.urlName}`, actions: [x.method] })),
      { url: "^{prefix}/{lookup}{ts}$", name: `${basename}-detail`, actions: ["retrieve", "update", "partial_update", "destroy"] },
      ...extras.filter((x) => x.detail).map((x) => ({ url: `^{prefix}/{lookup}/${x.urlPath}{ts}$`, name: `${basename}-${x.urlName}`, actions: [x.method] })),
    ];
    for (const r of routes) {
      if (!r.actions.some((a) => facts.actions.has(a))) continue;
      let url = r.url;
      if (!router.useRegex) url = url.replace(/^\^/, "").replace(/\$$/, "");
      let regex = url.replace("{prefix}", reg.prefix).replace("{lookup}", lookup).replace("{ts}", ts);
      if (!reg.prefix) {
        if (!router.useRegex && regex.startsWith("/")) regex = regex.slice(1);
        else if (router.useRegex && regex.startsWith("^/")) regex = "^" + regex.slice(2);
      }
      out.push({
        kind: "pattern",
        spec: router.useRegex ? { kind: "regex", regex } : { kind: "route", route: regex },
        view,
        name: r.name,
        kwargs: {},
        at: reg.at,
        viewAt: at(ctx, reg.viewset),
        conditional: reg.conditional || undefined,
      });
    }
  }
  if (router.kind === "default") {
    out.push({ kind: "pattern", spec: { kind: "route", route: "" }, view: external("rest_framework.routers.APIRootView"), name: "api-root", kwargs: {}, at: router.at });
    return suffixPatterns(ctx, out, null);
  }
  return out;
}

/** FORMAT_SUFFIX_KWARG from REST_FRAMEWORK, "format" by default. */
function suffixKwarg(ctx: ModuleCtx): string {
  const s = ctx.project.settingsModule()?.names.get("REST_FRAMEWORK");
  if (s?.k === "dict") {
    for (const [k, v] of s.entries) if (k.k === "str" && k.v === "FORMAT_SUFFIX_KWARG" && v.k === "str") return v.v;
  }
  return "format";
}

/** rest_framework.urlpatterns.format_suffix_patterns(urlpatterns) with its defaults. */
export function suffixPatterns(ctx: ModuleCtx, entries: LocalEntry[], call: CallExpr | null): LocalEntry[] {
  if (call && (call.args.length > 1 || call.keywords.length > 0)) {
    return [unknownEntry("format_suffix_patterns() with options we do not model", at(ctx, call))];
  }
  const kw = suffixKwarg(ctx);
  const out: LocalEntry[] = [];
  for (const e of entries) {
    if (e.kind !== "pattern") {
      out.push(e.kind === "include" ? unknownEntry("format suffixes applied to an include", e.at) : e);
      continue;
    }
    out.push(e);
    const suffixed: PatternEntry =
      e.spec.kind === "regex"
        ? { ...e, spec: { kind: "regex", regex: rstrip(rstrip(e.spec.regex, "$"), "/") + `\\.(?P<${kw}>[a-z0-9]+)/?$` } }
        : e.spec.kind === "route"
          ? { ...e, spec: { kind: "route", route: rstrip(rstrip(e.spec.route, "$"), "/") + `<drf_format_suffix:${kw}>` } }
          : e;
    out.push(suffixed);
  }
  return out;
}

function rstrip(s: string, ch: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ch) end--;
  return s.slice(0, end);
}

export type { Stmt };
