// The URL map's vocabulary. A URLconf module reads into `LocalEntry`s (its own patterns, includes
// not yet followed); the map (urlMap.ts) follows includes from ROOT_URLCONF into a tree of
// resolvers and a flat list of endpoints in resolution order.
import type { Location, Range } from "../../python/types";
import type { CompiledPattern, PatternSpec } from "./routes";

/** Where a view lives: a workspace definition (file set) or a name outside the workspace. */
export interface ViewTarget {
  /** Dotted module that defines the view (`shop.views`, `django.views.generic.base`). */
  module: string | null;
  /** Qualified name inside the module (`ProductDetailView`, `AdminSite.index`). */
  symbol: string;
  /** Absolute path when the definition is in the workspace. */
  file: string | null;
  /** The definition's name range (its line is the `def`/`class` keyword's line). */
  range: Range | null;
}

/** A default-args dict from `path(..., kwargs)`: Python str() of each value, or unknown. */
export type ExtraKwargs = Record<string, string> | "unknown";

export interface PatternEntry {
  kind: "pattern";
  spec: PatternSpec;
  /** The view, or null when it cannot be resolved statically. */
  view: ViewTarget | null;
  name: string | null;
  kwargs: ExtraKwargs;
  /** The `path(...)` call (or the router/admin line that generates it). */
  at: Location;
  /** The view expression, for go-to-definition from the URLconf. */
  viewAt?: Location;
  /** The name string literal. */
  nameAt?: Location;
  /** Added under an `if` whose condition is not statically known. */
  conditional?: boolean;
}

export interface IncludeEntry {
  kind: "include";
  spec: PatternSpec;
  target: IncludeTarget;
  /** include(..., namespace=) or None. */
  namespace: string | null;
  /** app_name from a 2-tuple; the module's own `app_name` is read when the target is followed. */
  appName: string | null;
  kwargs: ExtraKwargs;
  at: Location;
  /** The include's first argument (the dotted string, module or list), for navigation. */
  targetAt?: Location;
  conditional?: boolean;
}

export type IncludeTarget =
  | { kind: "module"; module: string }
  /** Patterns given inline (a list, a variable, a router's urls, admin.site.urls). */
  | { kind: "inline"; entries: LocalEntry[]; appName: string | null };

export interface UnknownEntry {
  kind: "unknown";
  reason: string;
  at: Location;
  conditional?: boolean;
}

/** Something in urlpatterns that is not a pattern (urls.E004). */
export interface InvalidEntry {
  kind: "invalid";
  /** Python's repr() of the entry when we can write it exactly, else null. */
  repr: string | null;
  hint: string | null;
  at: Location;
  conditional?: boolean;
}

export type LocalEntry = PatternEntry | IncludeEntry | UnknownEntry | InvalidEntry;

export interface RegisteredConverter {
  name: string;
  regex: string | null;
  toPython: "int" | "uuid" | "str" | "unknown";
  at: Location;
  /** The converter class, for navigation. */
  classAt?: Location;
}

/** One URLconf module as read on its own. */
export interface UrlConfModule {
  module: string;
  file: string;
  /** null when the module has no `urlpatterns`. */
  entries: LocalEntry[] | null;
  appName: string | null;
  appNameAt?: Location;
  converters: RegisteredConverter[];
  /** Where `urlpatterns` could not be fully read. */
  problems: { reason: string; at: Location }[];
  /** Modules its patterns include() (inline lists included), in order. */
  includedModules: string[];
}

/** A resolver in the followed tree: the root (pattern `^/`) or an include. */
export interface ResolverNode {
  kind: "resolver";
  pattern: CompiledPattern;
  namespace: string | null;
  appName: string | null;
  kwargs: ExtraKwargs;
  children: (ResolverNode | EndpointNode | UnknownNode)[];
  /** The URLconf module it reads, when it is one. */
  module: string | null;
  include: IncludeEntry | null;
  /** Follows nothing: a cycle, or a module that is not there. */
  broken?: string;
  /** False when some of its patterns (below it, in its namespace) are unknown (dynamic code). */
  complete: boolean;
}

export interface EndpointNode {
  kind: "endpoint";
  pattern: CompiledPattern;
  entry: PatternEntry;
  /** Its entry in UrlMap.urls (the same object). */
  url: UrlInfo;
}

/** Patterns we could not read: resolution past this point is uncertain. */
export interface UnknownNode {
  kind: "unknown";
  reason: string;
  at: Location;
  /** Set for an entry that is not a pattern at all (urls.E004). */
  invalid?: InvalidEntry;
}

/** One endpoint with everything Django joins on the way down. */
export interface UrlInfo {
  /** As ResolverMatch.route would say. */
  route: string;
  /** `ns:inner:name`, or null. */
  name: string | null;
  /** The pattern's own name, and the namespaces and app names around it (outermost first). */
  urlName: string | null;
  namespaces: string[];
  appNames: (string | null)[];
  view: ViewTarget | null;
  entry: PatternEntry;
  /** The include() calls that lead here, outermost first. */
  includes: IncludeEntry[];
  /** Compiled patterns from the root down (the endpoint's last). */
  chain: CompiledPattern[];
  conditional: boolean;
}

export interface UrlMap {
  rootUrlconf: string | null;
  root: ResolverNode | null;
  urls: UrlInfo[];
  /** False when something reachable is dynamic or unresolved: names may exist that we do not see. */
  complete: boolean;
  /** Namespaces (joined with ':', "" for the top) below which something is unknown. */
  incompleteNamespaces: Set<string>;
  problems: { reason: string; at: Location | null }[];
  cycles: { route: string; urlconf: string; at: Location }[];
  /** Every URLconf module followed, for navigation and invalidation. */
  modules: UrlConfModule[];
}
