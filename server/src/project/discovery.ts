// Finds Django projects: every manage.py below a folder (skipping virtualenvs, node_modules and
// symlink loops), the settings module each names, and the source roots its code lives under.
import * as fs from "node:fs";
import * as path from "node:path";
import { dottedName, stringValue, walkStatements } from "../python/exprUtil";
import type { Expr, ModuleSummary } from "../python/types";
import type { WorkspaceIndex } from "./index";
import { walkFolders } from "./walk";

const SKIP_DIRS = new Set([
  "node_modules",
  "__pycache__",
  "site-packages",
  "dist-packages",
  ".git",
  ".hg",
  ".svn",
  ".tox",
  ".nox",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".venv",
  "venv",
  ".cache",
  "static",
  "staticfiles",
  "media",
]);

export const MAX_DISCOVERY_DEPTH = 12;

/** Every manage.py below `folder`, sorted by path; never follows a symlink into a loop. */
export function findManagePyFiles(folder: string, onProblem: (message: string) => void = () => {}): string[] {
  const out: string[] = [];
  walkFolders(folder, { skipDirs: SKIP_DIRS, maxDepth: MAX_DISCOVERY_DEPTH, onProblem }, (dir, entries) => {
    for (const e of entries) if (e.name === "manage.py" && (e.isFile() || e.isSymbolicLink())) out.push(path.join(dir, e.name));
  });
  return out.sort();
}

export interface SettingsSource {
  module: string;
  /** Where the name was found: "setting", "--settings", "manage.py", "wsgi.py", "asgi.py", "pyproject.toml", … */
  from: string;
  file?: string;
}

/** `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x")` or `os.environ["DJANGO_SETTINGS_MODULE"] = "x"`. */
export function settingsModuleIn(summary: ModuleSummary): string | null {
  for (const site of summary.calls) {
    const c = site.callee ?? "";
    if (/(^|\.)environ\.setdefault$/.test(c) || c === "setdefault") {
      if (stringValue(site.call.args[0]) === "DJANGO_SETTINGS_MODULE") {
        const v = stringValue(site.call.args[1]);
        if (v) return v;
      }
    }
  }
  for (const s of walkStatements(summary.statements)) {
    if (s.kind === "assign" && s.value) {
      for (const t of s.targets) {
        if (t.kind === "subscript" && /(^|\.)environ$/.test(dottedName(t.value) ?? "") && stringValue(t.index) === "DJANGO_SETTINGS_MODULE") {
          const v = stringValue(s.value);
          if (v) return v;
        }
      }
    }
  }
  return null;
}

/** pytest-django's `DJANGO_SETTINGS_MODULE` in pyproject.toml, setup.cfg, pytest.ini or tox.ini. */
export function settingsModuleInConfig(text: string, file: string): string | null {
  const isToml = file.endsWith(".toml");
  let section = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1].trim();
      continue;
    }
    const wanted = isToml ? section === "tool.pytest.ini_options" : section === "pytest" || section === "tool:pytest";
    if (!wanted) continue;
    const m = /^DJANGO_SETTINGS_MODULE\s*[=:]\s*["']?([\w.]+)["']?\s*$/.exec(line);
    if (m) return m[1];
  }
  return null;
}

/**
 * Source roots of a project: the folder of manage.py (Python puts the script's folder first on
 * sys.path), then folders manage.py inserts into sys.path, then a conventional `src/`.
 */
export function sourceRootsFor(managePy: string, summary: ModuleSummary | null): string[] {
  const root = path.dirname(managePy);
  const roots = [root];
  if (summary) {
    for (const site of summary.calls) {
      if (site.callee !== "sys.path.insert" && site.callee !== "sys.path.append") continue;
      const arg = site.callee.endsWith("insert") ? site.call.args[1] : site.call.args[0];
      const dir = arg ? staticDir(arg, managePy) : null;
      if (dir && !roots.includes(dir)) roots.push(dir);
    }
  }
  const src = path.join(root, "src");
  if (!roots.includes(src) && fs.existsSync(src) && fs.statSync(src).isDirectory()) roots.push(src);
  return roots;
}

/** A folder written with Path/os.path over __file__, the simple forms manage.py files use. */
function staticDir(e: Expr, file: string): string | null {
  const val = (x: Expr): string | null => {
    if (x.kind === "str") return x.exact ? path.resolve(path.dirname(file), x.value) : null;
    if (x.kind === "name" && x.id === "__file__") return file;
    if (x.kind === "call") {
      const callee = dottedName(x.func);
      if (callee === "str" || callee === "os.fspath") return x.args[0] ? val(x.args[0]) : null;
      if (callee === "Path" || callee === "pathlib.Path") return x.args[0] ? val(x.args[0]) : null;
      if (callee === "os.path.dirname") return x.args[0] ? mapPath(val(x.args[0]), path.dirname) : null;
      if (callee === "os.path.abspath" || callee === "os.path.realpath") return x.args[0] ? val(x.args[0]) : null;
      if (callee === "os.path.join") {
        const parts = x.args.map(val);
        return parts.every((p) => p !== null) ? path.join(...(parts as string[])) : null;
      }
      if (x.func.kind === "attr" && (x.func.attr === "resolve" || x.func.attr === "absolute")) return val(x.func.object);
      return null;
    }
    if (x.kind === "attr" && x.attr === "parent") return mapPath(val(x.object), path.dirname);
    if (x.kind === "binop" && x.op === "/") {
      const l = val(x.left);
      const r = x.right.kind === "str" && x.right.exact ? x.right.value : null;
      return l && r ? path.join(l, r) : null;
    }
    return null;
  };
  const v = val(e);
  if (!v || v === file) return null;
  return path.resolve(v);
}

function mapPath(p: string | null, f: (s: string) => string): string | null {
  return p === null ? null : f(p);
}

/**
 * The settings module of a project, by precedence: an explicit choice, manage.py, wsgi.py or
 * asgi.py of the project's packages, then pytest-django's setting.
 */
export function detectSettingsModule(
  managePy: string,
  sourceRoots: string[],
  index: WorkspaceIndex,
  explicit?: string | null,
): SettingsSource | null {
  if (explicit) return { module: explicit, from: "setting" };
  const manage = index.summary(managePy);
  const fromManage = manage && settingsModuleIn(manage);
  if (fromManage) return { module: fromManage, from: "manage.py", file: managePy };
  for (const root of sourceRoots) {
    for (const entry of index.listDir(root)) {
      if (!entry.isDir || entry.name.startsWith(".")) continue;
      for (const name of ["wsgi.py", "asgi.py"]) {
        const f = path.join(root, entry.name, name);
        const s = index.exists(f) ? index.summary(f) : null;
        const m = s && settingsModuleIn(s);
        if (m) return { module: m, from: name, file: f };
      }
    }
  }
  const root = path.dirname(managePy);
  for (const name of ["pyproject.toml", "pytest.ini", "setup.cfg", "tox.ini"]) {
    const f = path.join(root, name);
    const text = index.text(f);
    const m = text && settingsModuleInConfig(text, f);
    if (m) return { module: m, from: name, file: f };
  }
  return null;
}
