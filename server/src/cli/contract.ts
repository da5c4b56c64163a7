// The CLI's JSON is a public contract (DESIGN.md): `--json` prints exactly its keys. Commands may
// know more (a view's module, patterns under an undecidable `if`, …); `--details` keeps that.
type Shape = { [key: string]: Shape | true } | [Shape];

const VIEW: Shape = { file: true, line: true, symbol: true };
const HEADER = { root: true, managePy: true, settingsModule: true } as const;

const SHAPES: Record<string, Shape> = {
  project: { projects: [{ ...HEADER, rootUrlconf: true, databases: true, apps: [{ label: true, name: true, path: true }] }] },
  urls: { projects: [{ ...HEADER, urls: [{ route: true, name: true, view: VIEW, source: { file: true, line: true } }] }] },
  resolve: { projects: [{ ...HEADER, resolved: [{ path: true, match: { route: true, name: true, view: VIEW, kwargs: true } }] }] },
  templates: { projects: [{ ...HEADER, templates: [{ name: true, file: true, candidates: true }] }] },
  check: {
    projects: [{ ...HEADER, diagnostics: [{ file: true, line: true, column: true, endLine: true, endColumn: true, code: true, severity: true, message: true }] }],
  },
  migrations: {
    projects: [{ ...HEADER, apps: [{ app: true, leaves: true, conflicts: true, pending: [{ operation: true, model: true, field: true }], status: true, reason: true }] }],
  },
};

function prune(value: unknown, shape: Shape | true): unknown {
  if (shape === true || value === null || typeof value !== "object") return value;
  if (Array.isArray(shape)) return Array.isArray(value) ? value.map((v) => prune(v, shape[0])) : value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(shape)) {
    if (key in (value as Record<string, unknown>)) out[key] = prune((value as Record<string, unknown>)[key], sub);
  }
  return out;
}

/** The command's JSON reduced to the contract's keys, in the contract's order. */
export function contractJson(command: string, json: unknown): unknown {
  const shape = SHAPES[command];
  return shape ? prune(json, shape) : json;
}
