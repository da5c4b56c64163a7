// The `djangoLens.*` settings per workspace folder, as the client sends them.
import type { SeverityOverrides } from "../analysis/diagnostics/registry";

export interface LensConfig {
  settingsModule: string | null;
  djangoVersion: string | null;
  diagnostics: SeverityOverrides;
}

export const DEFAULT_CONFIG: LensConfig = { settingsModule: null, djangoVersion: null, diagnostics: {} };

const SEVERITIES = new Set(["error", "warning", "information", "hint", "off"]);

/** Accepts whatever the client sent; anything malformed falls back to the default. */
export function parseConfig(raw: unknown): LensConfig {
  const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  const diagnostics: SeverityOverrides = {};
  if (o.diagnostics && typeof o.diagnostics === "object") {
    for (const [k, v] of Object.entries(o.diagnostics as Record<string, unknown>)) {
      if (typeof v === "string" && SEVERITIES.has(v)) diagnostics[k] = v as SeverityOverrides[string];
    }
  }
  return { settingsModule: str(o.settingsModule), djangoVersion: str(o.djangoVersion), diagnostics };
}
