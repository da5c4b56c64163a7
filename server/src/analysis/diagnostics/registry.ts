// All diagnostic rules, and running them with per-rule severities and `# noqa` comments.
import type { DjangoProject } from "../../project/project";
import { settingsImportError } from "./settingsImport";
import { unknownInstalledApp, unknownMiddleware, unknownRootUrlconf } from "./settingsPaths";
import type { Finding, Rule, Severity } from "./types";
import { MODEL_RULES } from "./modelsRules";
import { urlArgumentCount } from "./urlsArgumentCount";
import { URL_CHECK_RULES } from "./urlsChecks";
import { unknownUrlName } from "./urlsUnknownName";
import { TEMPLATE_RULES } from "./templatesRules";
import { migrationDrift, migrationGraph, migrationNumber } from "./migrations";

export const RULES: Rule[] = [unknownInstalledApp, unknownMiddleware, unknownRootUrlconf, settingsImportError, ...MODEL_RULES, ...TEMPLATE_RULES, ...URL_CHECK_RULES, unknownUrlName, urlArgumentCount, migrationDrift, migrationGraph, migrationNumber];

/** Per-code severity overrides from `djangoLens.diagnostics`; "off" disables a rule. */
export type SeverityOverrides = Record<string, Severity | "off">;

export interface RunResult {
  findings: Finding[];
  /** Rules that threw: reported once in the log, the others still run. */
  failures: { code: string; error: string }[];
}

/** `# noqa` silences every finding on its line; `# noqa: code1, code2` only those codes. */
export function noqaCodes(line: string): Set<string> | "all" | null {
  const m = /#\s*noqa\b(?::\s*([\w.\-]+(?:\s*,\s*[\w.\-]+)*))?/i.exec(line);
  if (!m) return null;
  if (!m[1]) return "all";
  return new Set(m[1].split(",").map((s) => s.trim()));
}

// Two rules may share a code (Python's reverse() and templates' {% url %} both report
// lens.unknown-url-name): memoise per rule, not per code.
const ruleIds = new WeakMap<Rule, number>();
let nextRuleId = 0;
function ruleId(rule: Rule): number {
  let id = ruleIds.get(rule);
  if (id === undefined) ruleIds.set(rule, (id = nextRuleId++));
  return id;
}

/**
 * Runs the rules one at a time, yielding after each, so a caller can give the event loop back
 * between rules (the language server does, to answer requests while diagnostics are computed).
 */
export function* ruleSteps(project: DjangoProject, overrides: SeverityOverrides, rules: Rule[], result: RunResult): Generator<void> {
  for (const rule of rules) {
    const setting = overrides[rule.code];
    if (setting === "off") continue;
    let raw: ReturnType<Rule["run"]>;
    try {
      raw = project.index.memo(`rule:${rule.code}#${ruleId(rule)}:${project.managePy}:${project.options.settingsModule ?? ""}`, () => rule.run(project));
    } catch (err) {
      result.failures.push({ code: rule.code, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      continue;
    }
    for (const f of raw) {
      const finding: Finding = { ...f, code: rule.code, severity: setting ?? rule.defaultSeverity };
      if (!silenced(project, finding)) result.findings.push(finding);
    }
    yield;
  }
}

export function runRules(project: DjangoProject, overrides: SeverityOverrides = {}, rules: Rule[] = RULES): RunResult {
  const result: RunResult = { findings: [], failures: [] };
  for (const _ of ruleSteps(project, overrides, rules, result)) {
    /* run to the end */
  }
  return result;
}

function silenced(project: DjangoProject, f: Finding): boolean {
  const text = project.index.text(f.file);
  if (!text) return false;
  const line = lineAt(text, f.range.start.line);
  const codes = noqaCodes(line);
  return codes === "all" || (codes !== null && codes.has(f.code));
}

export function lineAt(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf("\n", start);
    if (next < 0) return "";
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end < 0 ? undefined : end);
}
