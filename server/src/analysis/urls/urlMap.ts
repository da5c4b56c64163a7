// The URL map: ROOT_URLCONF followed through every include() into a tree of resolvers, and the
// endpoints in resolution order with routes joined as ResolverMatch.route joins them.
//
// Incrementality: each URLconf module is read in its own memo (urlconf.ts), and each include()
// subtree is followed in its own memo (`urlsub:`), keyed by its path from the root. An edit to
// one app's urls.py therefore re-reads that module, re-follows its include's subtree, and the map
// itself is a cheap assembly: the other subtrees (their nodes and UrlInfo objects) are reused as
// they are. A subtree's context (prefix patterns, namespaces, the includes above it) comes from
// the URLconfs above it, which its memo reads again so that a change above re-follows it; the
// converter table, which every route depends on, is a memo compared by value.
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { readSettings } from "../settings/settings";
import { type CompiledPattern, type Converter, DEFAULT_CONVERTERS, compilePattern } from "./routes";
import type { EndpointNode, ExtraKwargs, IncludeEntry, LocalEntry, ResolverNode, UnknownNode, UrlConfModule, UrlInfo, UrlMap } from "./types";
import { djangoUrlconf } from "./djangoUrlconfs";
import { readUrlConf } from "./urlconf";

const COMPILED = new Map<string, CompiledPattern>();
const DRF_FORMAT: Converter = { name: "drf_format_suffix", regex: "\\.[a-z0-9]+/?", toPython: "strip-format" };

function projectKey(project: DjangoProject): string {
  return `${project.managePy}:${project.options.settingsModule ?? ""}:${project.options.djangoVersion ?? ""}`;
}

export function urlMap(project: DjangoProject): UrlMap {
  return project.index.memo(`urlmap:${projectKey(project)}`, () => buildMap(project));
}

/** Django's URLResolver._join_route. */
export function joinRoute(a: string, b: string): string {
  if (!a) return b;
  return a + (b.startsWith("^") ? b.slice(1) : b);
}

interface ConverterTable {
  table: Map<string, Converter>;
  /** The table as text: equal tables have equal signatures. */
  sig: string;
}

/**
 * Every register_converter() in URLconfs reachable from `root`, before any route is compiled (a
 * later registration of a name wins). Compared by value: edits that register nothing new keep it.
 */
function urlConverters(project: DjangoProject, root: string): ConverterTable {
  return project.index.memo(
    `url-converters:${projectKey(project)}:${root}`,
    () => {
      const table = new Map<string, Converter>();
      const seen = new Set<string>();
      const collect = (conf: UrlConfModule) => {
        if (seen.has(conf.module)) return;
        seen.add(conf.module);
        for (const c of conf.converters) table.set(c.name, { name: c.name, regex: c.regex, toPython: c.toPython });
        for (const m of conf.includedModules) {
          const sub = readUrlConf(project, m);
          if (sub) collect(sub);
        }
      };
      const rootConf = readUrlConf(project, root);
      if (rootConf) collect(rootConf);
      const sig = JSON.stringify([...table.values()].map((c) => [c.name, c.regex, c.toPython]));
      return { table, sig };
    },
    { equals: (a, b) => a.sig === b.sig },
  );
}

function buildMap(project: DjangoProject): UrlMap {
  const settings = readSettings(project);
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
  const rootConf = readUrlConf(project, rc.value);
  if (!rootConf) return empty(`ROOT_URLCONF '${rc.value}' is not in the workspace`);
  const walker = new Walker(project, urlConverters(project, rc.value));
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
  const acc = walker.acc;
  if (!rootConf.entries) {
    acc.problems.push({ reason: `The included URLconf '${rc.value}' does not appear to have any patterns in it.`, at: null });
    acc.incomplete.push("");
  } else {
    root.children = walker.walk(rootConf.entries, {
      stack: [rc.value],
      namespaces: [],
      appNames: [],
      includes: [],
      chain: [],
      conditional: false,
      key: `urlsub:${projectKey(project)}:${rc.value}`,
      moduleList: true,
    });
  }
  const incomplete = new Set(acc.incomplete);
  root.complete = !incomplete.has("");
  const modules = new Map<string, UrlConfModule>([[rootConf.module, rootConf]]);
  for (const m of acc.modules) if (!modules.has(m.module)) modules.set(m.module, m);
  return {
    rootUrlconf: rc.value,
    root,
    urls: acc.urls,
    complete: incomplete.size === 0,
    incompleteNamespaces: incomplete,
    problems: acc.problems,
    cycles: acc.cycles,
    modules: [...modules.values()],
  };
}

/** What following a part of the tree produced, in resolution order. */
interface Acc {
  urls: UrlInfo[];
  /** Namespaces (joined with ':') below which something is unknown, with repeats. */
  incomplete: string[];
  problems: UrlMap["problems"];
  cycles: UrlMap["cycles"];
  /** URLconf modules followed, in order (with repeats). */
  modules: UrlConfModule[];
}

/** One include() followed: its resolver node and everything below it. */
interface Subtree extends Acc {
  node: ResolverNode;
}

interface WalkState {
  stack: string[];
  namespaces: string[];
  appNames: (string | null)[];
  includes: IncludeEntry[];
  chain: CompiledPattern[];
  conditional: boolean;
  /** The memo that follows this list. */
  key: string;
  /** The list is a URLconf module's own `urlpatterns` (or the root's). */
  moduleList: boolean;
}

function appendAll<T>(into: T[], from: T[]): void {
  for (const x of from) into.push(x);
}

class Walker {
  readonly acc: Acc = { urls: [], incomplete: [], problems: [], cycles: [], modules: [] };
  /** Subtree memos started from this walk, per included module ("~" for inline lists): their keys. */
  private started = new Map<string, number>();

  constructor(
    private readonly project: DjangoProject,
    private readonly conv: ConverterTable,
  ) {}

  /** Compiled patterns are pure functions of (spec, endpoint, converter table): reuse them across rebuilds. */
  private compile(spec: Parameters<typeof compilePattern>[0], isEndpoint: boolean): CompiledPattern {
    const key = `${spec.kind}\u0000${"route" in spec ? spec.route : "regex" in spec ? spec.regex : spec.prefix}\u0000${isEndpoint}\u0000${this.conv.sig}`;
    let hit = COMPILED.get(key);
    if (!hit) {
      if (COMPILED.size > 100000) COMPILED.clear();
      hit = compilePattern(spec, isEndpoint, this.converter);
      COMPILED.set(key, hit);
    }
    return hit;
  }

  private converter = (name: string): Converter | undefined =>
    this.conv.table.get(name) ?? DEFAULT_CONVERTERS[name] ?? (name === "drf_format_suffix" ? DRF_FORMAT : undefined);

  walk(entries: LocalEntry[], w: WalkState): (ResolverNode | EndpointNode | UnknownNode)[] {
    const out: (ResolverNode | EndpointNode | UnknownNode)[] = [];
    const nsKey = w.namespaces.join(":");
    for (const e of entries) {
      const conditional = w.conditional || !!e.conditional;
      if (e.kind === "unknown") {
        this.acc.incomplete.push(nsKey);
        this.acc.problems.push({ reason: e.reason, at: e.at });
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
        if (pattern.problem) this.acc.problems.push({ reason: pattern.problem, at: e.at });
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
        out.push({ kind: "endpoint", pattern, entry: e, url: info });
        this.acc.urls.push(info);
        continue;
      }
      // A subtree memo for each included module and each include in a module's own list (the
      // admin site, i18n_patterns(), an inline list); inline lists nested deeper go with their parent.
      if (e.target.kind === "module" || w.moduleList) out.push(this.includeMemo(e, w, conditional));
      else out.push(this.include(e, w, conditional));
    }
    return out;
  }

  private includeMemo(e: IncludeEntry, w: WalkState, conditional: boolean): ResolverNode {
    const project = this.project;
    const root = w.stack[0];
    // Keyed by the included module and its occurrence in this walk, not by position, so that an
    // entry added above does not leave the old subtrees behind under keys no longer asked for.
    const tag = e.target.kind === "module" ? e.target.module : "~";
    const n = this.started.get(tag) ?? 0;
    this.started.set(tag, n + 1);
    const key = `${w.key}/${tag}#${n}`;
    const sub = project.index.memo(key, (): Subtree => {
      // `e` and `w` come from the URLconfs above (and the converter table): read them here too,
      // so that this memo is followed again when any of them changes.
      for (const m of w.stack) readUrlConf(project, m);
      const inner = new Walker(project, urlConverters(project, root));
      const node = inner.include(e, { ...w, key }, conditional);
      return { node, ...inner.acc };
    });
    appendAll(this.acc.urls, sub.urls);
    appendAll(this.acc.incomplete, sub.incomplete);
    appendAll(this.acc.problems, sub.problems);
    appendAll(this.acc.cycles, sub.cycles);
    appendAll(this.acc.modules, sub.modules);
    return sub.node;
  }

  /** Follows one include(); `w.key` is the memo it is followed in. */
  private include(e: IncludeEntry, w: WalkState, conditional: boolean): ResolverNode {
    const pattern = this.compile(e.spec, false);
    if (pattern.problem) this.acc.problems.push({ reason: pattern.problem, at: e.at });
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
        this.acc.cycles.push({ route: pattern.text, urlconf: mod, at: e.at });
        node.broken = `include cycle: '${mod}' is already being included`;
        node.complete = false;
        this.acc.incomplete.push(nsKey);
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
        this.acc.incomplete.push(nsKey);
        this.acc.problems.push({ reason: node.broken, at: e.targetAt ?? e.at });
        return node;
      } else {
        this.acc.modules.push(conf);
        entries = conf.entries;
        appName = conf.appName ?? e.appName;
        stack = [...w.stack, mod];
        if (!entries) {
          node.broken = `The included URLconf '${mod}' does not appear to have any patterns in it.`;
          this.acc.problems.push({ reason: node.broken, at: e.at });
        }
      }
    } else {
      entries = e.target.entries;
      appName = e.target.appName ?? e.appName;
    }
    const namespace = e.namespace || appName;
    if (e.namespace && !appName) {
      this.acc.problems.push({ reason: "Specifying a namespace in include() without providing an app_name is not supported.", at: e.at });
    }
    node.namespace = namespace;
    node.appName = appName;
    const namespaces = namespace ? [...w.namespaces, namespace] : w.namespaces;
    const mark = this.acc.incomplete.length;
    node.children = this.walk(entries ?? [], {
      stack,
      namespaces,
      appNames: namespace ? [...w.appNames, appName] : w.appNames,
      includes: [...w.includes, e],
      chain: [...w.chain, pattern],
      conditional,
      key: w.key,
      moduleList: e.target.kind === "module",
    });
    const nsHere = namespaces.join(":");
    for (let i = mark; i < this.acc.incomplete.length; i++) if (this.acc.incomplete[i] === nsHere) node.complete = false;
    return node;
  }
}

export type { ExtraKwargs, Location };
