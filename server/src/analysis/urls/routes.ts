// A URL pattern's matching logic as Django builds it: `path()` routes become regexes exactly as
// `django.urls.resolvers._route_to_regex` writes them, `re_path()` keeps its regex, and both are
// translated to JS once (see pyRegex.ts). Converters carry their regex and whether `to_python` can
// reject a value (Django then tries the next pattern), which we cannot know for custom code.
import { type PyRegex, pyReEscape, pySearch, translatePyRegex } from "./pyRegex";

export interface Converter {
  name: string;
  /** The converter's `regex`, or null when it is not statically known. */
  regex: string | null;
  /**
   * How `to_python` turns the matched text into the value: "int", "uuid", "str" (unchanged),
   * "strip-format" (DRF's format suffix), or "unknown" (custom code that may also reject).
   */
  toPython: "int" | "uuid" | "str" | "strip-format" | "unknown";
}

export const DEFAULT_CONVERTERS: Record<string, Converter> = {
  int: { name: "int", regex: "[0-9]+", toPython: "int" },
  path: { name: "path", regex: ".+", toPython: "str" },
  slug: { name: "slug", regex: "[-a-zA-Z0-9_]+", toPython: "str" },
  str: { name: "str", regex: "[^/]+", toPython: "str" },
  uuid: { name: "uuid", regex: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", toPython: "uuid" },
};

/** The kind of pattern: `path()` (route), `re_path()`/`url()` (regex), or i18n_patterns' prefix. */
export type PatternSpec =
  | { kind: "route"; route: string }
  | { kind: "regex"; regex: string }
  | { kind: "locale"; prefix: string };

export interface CompiledPattern {
  spec: PatternSpec;
  /** The text `str(pattern)` gives, which `ResolverMatch.route` joins. */
  text: string;
  isEndpoint: boolean;
  /** Python regex source as Django compiles it; null for the locale prefix. */
  pyRegex: string | null;
  js: PyRegex | null;
  /** Parameter name → converter, for route patterns. */
  converters: Record<string, Converter>;
  /** Why the pattern cannot be matched statically (unknown converter, untranslatable regex). */
  problem: string | null;
}

const PARAM_RE = /<(?:([^>:]+):)?([^>]+)>/g;
const PY_WHITESPACE = /[ \t\n\r\v\f]/;

/** `_route_to_regex(route, is_endpoint)`, with our converter table. */
export function routeToRegex(
  route: string,
  isEndpoint: boolean,
  converters: (name: string) => Converter | undefined,
): { regex: string; converters: Record<string, Converter>; problem: string | null } {
  const parts = ["^"];
  const used: Record<string, Converter> = {};
  let previous = 0;
  let problem: string | null = null;
  for (const m of route.matchAll(PARAM_RE)) {
    const raw = m[1] ?? "str";
    const param = m[2];
    if (PY_WHITESPACE.test(m[0])) problem ??= `URL route '${route}' cannot contain whitespace in angle brackets <…>.`;
    if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(param)) {
      problem ??= `URL route '${route}' uses parameter name '${param}' which isn't a valid Python identifier.`;
    }
    const conv = converters(raw);
    if (!conv) problem ??= `URL route '${route}' uses invalid converter '${raw}'.`;
    else if (conv.regex === null) problem ??= `the regex of converter '${raw}' is not known statically`;
    used[param] = conv ?? { name: raw, regex: null, toPython: "unknown" };
    parts.push(pyReEscape(route.slice(previous, m.index)));
    previous = m.index! + m[0].length;
    parts.push(`(?P<${param}>${conv?.regex ?? ".+"})`);
  }
  parts.push(pyReEscape(route.slice(previous)));
  if (isEndpoint) parts.push("\\Z");
  return { regex: parts.join(""), converters: used, problem };
}

export function compilePattern(
  spec: PatternSpec,
  isEndpoint: boolean,
  converters: (name: string) => Converter | undefined,
): CompiledPattern {
  if (spec.kind === "locale") {
    return { spec, text: spec.prefix, isEndpoint, pyRegex: null, js: null, converters: {}, problem: null };
  }
  let py: string;
  let used: Record<string, Converter> = {};
  let problem: string | null = null;
  if (spec.kind === "route") {
    const r = routeToRegex(spec.route, isEndpoint, converters);
    py = r.regex;
    used = r.converters;
    problem = r.problem;
  } else py = spec.regex;
  const js = translatePyRegex(py);
  if ("error" in js) {
    return { spec, text: spec.kind === "route" ? spec.route : spec.regex, isEndpoint, pyRegex: py, js: null, converters: used, problem: problem ?? `"${py}" cannot be matched: ${js.error}` };
  }
  return { spec, text: spec.kind === "route" ? spec.route : spec.regex, isEndpoint, pyRegex: py, js, converters: used, problem };
}

export interface PatternMatch {
  rest: string;
  /** Positional captures (regex patterns without named groups). */
  args: string[];
  /** Captured keyword arguments, as Python's str() of the converted values. */
  kwargs: Record<string, string>;
  /** Set when a custom converter's `to_python` decided the value: it may also have rejected it. */
  uncertain: string | null;
}

/** `pattern.match(path)`: null when it does not match; mirrors RoutePattern/RegexPattern.match. */
export function matchPattern(p: CompiledPattern, path: string): PatternMatch | null {
  if (p.spec.kind === "locale") {
    return path.startsWith(p.spec.prefix) ? { rest: path.slice(p.spec.prefix.length), args: [], kwargs: {}, uncertain: null } : null;
  }
  if (!p.js) return null;
  if (p.spec.kind === "regex") {
    const full = p.isEndpoint && p.spec.regex.endsWith("$");
    const m = pySearch(p.js, path, full);
    if (!m) return null;
    const kwargs: Record<string, string> = {};
    let args: string[] = [];
    if (p.js.groupNames.length) {
      for (const n of p.js.groupNames) if (m.groups?.[n] !== undefined) kwargs[n] = m.groups[n];
    } else args = m.slice(1).map((g) => g ?? "None");
    return { rest: path.slice(m.index + m[0].length), args, kwargs, uncertain: null };
  }
  const m = pySearch(p.js, path);
  if (!m) return null;
  const kwargs: Record<string, string> = {};
  let uncertain: string | null = null;
  for (const [name, conv] of Object.entries(p.converters)) {
    const raw = m.groups?.[name];
    if (raw === undefined) continue;
    switch (conv.toPython) {
      case "int":
        // int() drops leading zeros; a custom regex that lets other text through may make it raise.
        if (/^[0-9]+$/.test(raw)) kwargs[name] = BigInt(raw).toString();
        else {
          kwargs[name] = raw;
          uncertain ??= `converter '${conv.name}' calls int() on '${raw}'`;
        }
        break;
      case "uuid":
        kwargs[name] = raw.toLowerCase();
        break;
      case "strip-format":
        kwargs[name] = raw.replace(/^[./]+|[./]+$/g, "");
        break;
      case "unknown":
        kwargs[name] = raw;
        uncertain ??= `converter '${conv.name}' runs custom to_python(), which may reject '${raw}'`;
        break;
      default:
        kwargs[name] = raw;
    }
  }
  return { rest: path.slice(m.index + m[0].length), args: [], kwargs, uncertain };
}
