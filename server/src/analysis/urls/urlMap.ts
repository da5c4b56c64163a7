// The URL map: ROOT_URLCONF followed through every include() into a tree of resolvers, and the
// endpoints in resolution order with routes joined as ResolverMatch.route joins them. Memoised on
// every file read; each URLconf module is itself memoised (urlconf.ts), so an edit to one urls.py
// re-reads that module only and re-walks the (cheap) tree.
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { readSettings } from "../settings/settings";
import { type CompiledPattern, type Converter, DEFAULT_CONVERTERS, compilePattern } from "./routes";
import type { EndpointNode, ExtraKwargs, IncludeEntry, LocalEntry, ResolverNode, UnknownNode, UrlConfModule, UrlInfo, UrlMap } from "./types";
import { djangoUrlconf } from "./djangoUrlconfs";
import { readUrlConf } from "./urlconf";

const COMPILED = new Map<string, CompiledPattern>();
const DRF_FORMAT: Converter = { name: "drf_format_suffix", regex: "\\.[a-z0-9]+/?", toPython: "strip-format" };

export function urlMap(project: DjangoProject): UrlMap {
  const key = `urlmap:${project.managePy}:${project.options.settingsModule ?? ""}:${project.options.djangoVersion ?? ""}`;
  return project.index.memo(key, () => new Builder(project).build());
}

/** Django's URLResolver._join_route. */
export function joinRoute(a: string, b: string): string {
  if (!a) return b;
  return a + (b.startsWith("^") ? b.slice(1) : b);
}

class Builder {
  private urls: UrlInfo[] = [];
  private incomplete = new Set<string>();
  private problems: UrlMap["problems"] = [];
  private cycles: UrlMap["cycles"] = [];
  private modules = new Map<string, UrlConfModule>();
  private converters = new Map<string, Converter>();

  constructor(private readonly project: DjangoProject) {}

  build(): UrlMap {
    const settings = readSettings(this.project);
    const rc = settings.rootUrlconf;
    const empty = (reason: string): UrlMap => ({
      rootUrlconf: rc && rc !== "unknown" ? rc.value : null,
      root: null,
      urls: [],
      complete: false,
      incompleteNamespaces: new Set([""]),
      problems: [{ reason, at: null }],
      cycles: [],
      modules: [],
    });
    if (!settings.file) return empty("the settings module is not known");
    if (!rc) return empty("ROOT_URLCONF is not set");
    if (rc === "unknown" || rc.maybe) return empty("ROOT_URLCONF is not statically known");
    const rootConf = readUrlConf(this.project, rc.value);
    if (!rootConf) return empty(`ROOT_URLCONF '${rc.value}' is not in the workspace`);
    this.collectConverters(rootConf, new Set());
    const rootPattern = compilePattern({ kind: "regex", regex: "^/" }, false, () => undefined);
    const root: ResolverNode = {
      kind: "resolver",
      pattern: rootPattern,
      namespace: null,
      appName: null,
      kwargs: {},
      children: [],
      module: rc.value,
      include: null,
      complete: true,
    };
    this.modules.set(rootConf.module, rootConf);
    if (!rootConf.entries) {
      this.problems.push({ reason: `The included URLconf '${rc.value}' does not appear to have any patterns in it.`, at: null });
      this.incomplete.add("");
    } else {
      root.children = this.walk(rootConf.entries, {
        stack: [rc.value],
        namespaces: [],
        appNames: [],
        includes: [],
        chain: [],
        conditional: false,
      });
    }
    root.complete = !this.incomplete.has("");
    return {
      rootUrlconf: rc.value,
      root,
      urls: this.urls,
      complete: this.incomplete.size === 0,
      incompleteNamespaces: this.incomplete,
      problems: this.problems,
      cycles: this.cycles,
      modules: [...this.modules.values()],
    };
  }

  /** Every register_converter() in reachable URLconfs, before any route is compiled. */
  private collectConverters(conf: UrlConfModule, seen: Set<string>): void {
    if (seen.has(conf.module)) return;
    seen.add(conf.module);
    for (const c of conf.converters) this.converters.set(c.name, { name: c.name, regex: c.regex, toPython: c.toPython });
    const visit = (entries: LocalEntry[]) => {
      for (const e of entries) {
        if (e.kind !== "include") continue;
        if (e.target.kind === "inline") visit(e.target.entries);
        else {
          const sub = readUrlConf(this.project, e.target.module);
          if (sub) this.collectConverters(sub, seen);
        }
      }
    };
    visit(conf.entries ?? []);
  }

  /** Compiled patterns are pure functions of (spec, endpoint, converter table): reuse them across rebuilds. */
  private compile(spec: Parameters<typeof compilePattern>[0], isEndpoint: boolean): CompiledPattern {
    const sig = [...this.converters.values()].map((c) => `${c.name}=${c.regex}:${c.toPython}`).join(",");
    const key = `${spec.kind}\u0000${"route" in spec ? spec.route : "regex" in spec ? spec.regex : spec.prefix}\u0000${isEndpoint}\u0000${sig}`;
    let hit = COMPILED.get(key);
    if (!hit) {
      if (COMPILED.size > 100000) COMPILED.clear();
      hit = compilePattern(spec, isEndpoint, this.converter);
      COMPILED.set(key, hit);
    }
    return hit;
  }

  private converter = (name: string): Converter | undefined =>
    this.converters.get(name) ?? DEFAULT_CONVERTERS[name] ?? (name === "drf_format_suffix" ? DRF_FORMAT : undefined);

  private walk(entries: LocalEntry[], w: WalkState): (ResolverNode | EndpointNode | UnknownNode)[] {
    const out: (ResolverNode | EndpointNode | UnknownNode)[] = [];
    const nsKey = w.namespaces.join(":");
    for (const e of entries) {
      const conditional = w.conditional || !!e.conditional;
      if (e.kind === "unknown") {
        this.incomplete.add(nsKey);
        this.problems.push({ reason: e.reason, at: e.at });
        out.push({ kind: "unknown", reason: e.reason, at: e.at });
        continue;
      }
      if (e.kind === "invalid") {
        // Django's check reports it (urls.E004); resolving past it would fail.
        out.push({ kind: "unknown", reason: "an entry that is not a URL pattern", at: e.at, invalid: e });
        continue;
      }
      if (e.kind === "pattern") {
        const pattern = this.compile(e.spec, true);
        if (pattern.problem) this.problems.push({ reason: pattern.problem, at: e.at });
        const chain = [...w.chain, pattern];
        const route = chain.reduceRight((acc, p, i) => (i === chain.length - 1 ? p.text : joinRoute(p.text, acc)), "");
        const info: UrlInfo = {
          route,
          name: e.name === null ? null : [...w.namespaces, e.name].join(":"),
          urlName: e.name,
          namespaces: w.namespaces,
          appNames: w.appNames,
          view: e.view,
          entry: e,
          includes: w.includes,
          chain,
          conditional,
        };
        out.push({ kind: "endpoint", pattern, entry: e, index: this.urls.length });
        this.urls.push(info);
        continue;
      }
      out.push(this.include(e, w, conditional));
    }
    return out;
  }

  private include(e: IncludeEntry, w: WalkState, conditional: boolean): ResolverNode {
    const pattern = this.compile(e.spec, false);
    if (pattern.problem) this.problems.push({ reason: pattern.problem, at: e.at });
    const node: ResolverNode = {
      kind: "resolver",
      pattern,
      namespace: null,
      appName: null,
      kwargs: e.kwargs,
      children: [],
      module: e.target.kind === "module" ? e.target.module : null,
      include: e,
      complete: true,
    };
    const nsKey = w.namespaces.join(":");
    let entries: LocalEntry[] | null;
    let appName: string | null;
    let stack = w.stack;
    if (e.target.kind === "module") {
      const mod = e.target.module;
      if (w.stack.includes(mod) || w.stack.length > 50) {
        this.cycles.push({ route: pattern.text, urlconf: mod, at: e.at });
        node.broken = `include cycle: '${mod}' is already being included`;
        node.complete = false;
        this.incomplete.add(nsKey);
        return node;
      }
      const conf = readUrlConf(this.project, mod);
      const builtin = conf ? null : djangoUrlconf(this.project, mod, e.at);
      if (builtin) {
        entries = builtin;
        appName = e.appName;
        stack = [...w.stack, mod];
      } else if (!conf) {
        node.broken = `'${mod}' is not in the workspace`;
        node.complete = false;
        this.incomplete.add(nsKey);
        this.problems.push({ reason: node.broken, at: e.targetAt ?? e.at });
        return node;
      } else {
        this.modules.set(conf.module, conf);
        entries = conf.entries;
        appName = conf.appName ?? e.appName;
        stack = [...w.stack, mod];
        if (!entries) {
          node.broken = `The included URLconf '${mod}' does not appear to have any patterns in it.`;
          this.problems.push({ reason: node.broken, at: e.at });
        }
      }
    } else {
      entries = e.target.entries;
      appName = e.target.appName ?? e.appName;
    }
    const namespace = e.namespace || appName;
    if (e.namespace && !appName) {
      this.problems.push({ reason: "Specifying a namespace in include() without providing an app_name is not supported.", at: e.at });
    }
    node.namespace = namespace;
    node.appName = appName;
    const namespaces = namespace ? [...w.namespaces, namespace] : w.namespaces;
    node.children = this.walk(entries ?? [], {
      stack,
      namespaces,
      appNames: namespace ? [...w.appNames, appName] : w.appNames,
      includes: [...w.includes, e],
      chain: [...w.chain, pattern],
      conditional,
    });
    node.complete = !this.incomplete.has(namespaces.join(":"));
    return node;
  }
}

interface WalkState {
  stack: string[];
  namespaces: string[];
  appNames: (string | null)[];
  includes: IncludeEntry[];
  chain: CompiledPattern[];
  conditional: boolean;
}

export type { ExtraKwargs, Location };
