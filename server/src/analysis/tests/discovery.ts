// Django tests found statically, as `manage.py test` (DiscoverRunner → unittest discovery from the
// folder of manage.py) would find them: modules named `test*.py` inside importable packages
// (folders with __init__.py), classes deriving from a unittest/Django/DRF test case (also through
// workspace base classes in other files), and their `test*` methods (also inherited from workspace
// mixins and bases, which unittest runs on the subclass). Memoised on every file and folder read.
import * as path from "node:path";
import { dottedName, topLevel } from "../../python/exprUtil";
import type { ClassDef, Expr, Location } from "../../python/types";
import type { DjangoProject } from "../../project/project";
import { appRegistry } from "../settings/apps";

export interface TestMethod {
  name: string;
  /** `module.Class.method`, the label `manage.py test` takes. */
  label: string;
  location: Location;
}

export interface TestClass {
  name: string;
  label: string;
  location: Location;
  methods: TestMethod[];
}

export interface TestModule {
  module: string;
  file: string;
  app: string | null;
  classes: TestClass[];
}

/** Test case bases by their defining modules; unittest re-exports TestCase from unittest.case. */
const KNOWN_BASES: Record<string, string[]> = {
  "django.test": ["TestCase", "SimpleTestCase", "TransactionTestCase", "LiveServerTestCase"],
  "django.test.testcases": ["TestCase", "SimpleTestCase", "TransactionTestCase", "LiveServerTestCase"],
  "django.contrib.staticfiles.testing": ["StaticLiveServerTestCase"],
  "rest_framework.test": ["APITestCase", "APISimpleTestCase", "APITransactionTestCase", "APILiveServerTestCase"],
  unittest: ["TestCase", "IsolatedAsyncioTestCase"],
  "unittest.case": ["TestCase"],
  "unittest.async_case": ["IsolatedAsyncioTestCase"],
};
const KNOWN_NAMES = new Set(Object.values(KNOWN_BASES).flat());

/** Folders unittest would never import from (and which can be huge). */
const SKIP_DIRS = new Set(["node_modules", "__pycache__", "site-packages", ".git", ".venv", "venv"]);

export function discoverTests(project: DjangoProject): TestModule[] {
  return project.index.memo(`tests:${project.managePy}`, () => new Discovery(project).run());
}

class Discovery {
  private verdicts = new Map<string, boolean>();
  private readonly apps: { label: string; path: string }[];

  constructor(private readonly project: DjangoProject) {
    this.apps = appRegistry(project)
      .apps.filter((a): a is typeof a & { path: string } => !!a.path)
      .map((a) => ({ label: a.label, path: a.path }));
  }

  run(): TestModule[] {
    const out: TestModule[] = [];
    this.walk(this.project.root, [], out, 0);
    return out.sort((a, b) => a.module.localeCompare(b.module));
  }

  /** unittest discovery: the start folder itself, then packages only (folders with __init__.py). */
  private walk(dir: string, pkg: string[], out: TestModule[], depth: number): void {
    if (depth > 12) return;
    const index = this.project.index;
    for (const e of index.listDir(dir)) {
      if (e.name.startsWith(".")) continue;
      const full = path.join(dir, e.name);
      if (e.isDir) {
        if (SKIP_DIRS.has(e.name) || !/^[A-Za-z_]\w*$/.test(e.name)) continue;
        if (!index.exists(path.join(full, "__init__.py"))) continue;
        this.walk(full, [...pkg, e.name], out, depth + 1);
      } else if (/^test.*\.py$/.test(e.name) && /^[A-Za-z_]\w*\.py$/.test(e.name)) {
        const module = [...pkg, e.name.slice(0, -3)].join(".");
        const found = this.module(full, module);
        if (found.classes.length) out.push(found);
      }
    }
  }

  private module(file: string, module: string): TestModule {
    const summary = this.project.index.summary(file);
    const classes: TestClass[] = [];
    for (const s of topLevel(summary?.statements ?? [])) {
      if (s.kind !== "class" || !this.isTestCase(s, file, 0)) continue;
      const label = `${module}.${s.name}`;
      const methods = this.methods(s, file, 0).map((m) => ({ ...m, label: `${label}.${m.name}` }));
      // Abstract bases without tests still run nothing; unittest lists them only when they have tests.
      if (!methods.length) continue;
      classes.push({ name: s.name, label, location: { file, range: s.nameRange }, methods });
    }
    return { module, file, app: this.appOf(file), classes };
  }

  private appOf(file: string): string | null {
    const hit = this.apps
      .filter((a) => file.startsWith(a.path + path.sep))
      .sort((a, b) => b.path.length - a.path.length)[0];
    return hit?.label ?? null;
  }

  /** `test*` methods of the class, then of workspace bases it inherits them from (first wins). */
  private methods(cls: ClassDef, file: string, depth: number): Omit<TestMethod, "label">[] {
    const own: Omit<TestMethod, "label">[] = [];
    for (const s of cls.body) {
      if (s.kind === "def" && s.name.startsWith("test")) own.push({ name: s.name, location: { file, range: s.nameRange } });
    }
    if (depth > 6) return own;
    const seen = new Set(own.map((m) => m.name));
    for (const base of cls.bases) {
      const def = this.workspaceClass(file, base);
      if (!def) continue;
      for (const m of this.methods(def.cls, def.file, depth + 1)) {
        if (!seen.has(m.name)) {
          seen.add(m.name);
          own.push(m);
        }
      }
    }
    return own;
  }

  private isTestCase(cls: ClassDef, file: string, depth: number): boolean {
    const key = `${file}#${cls.name}@${cls.range.start.line}`;
    const known = this.verdicts.get(key);
    if (known !== undefined) return known;
    this.verdicts.set(key, false); // a cycle answers "no"
    let verdict = false;
    if (depth <= 8) {
      for (const base of cls.bases) {
        if (this.isKnownBase(file, base)) verdict = true;
        else {
          const def = this.workspaceClass(file, base);
          if (def && this.isTestCase(def.cls, def.file, depth + 1)) verdict = true;
        }
        if (verdict) break;
      }
    }
    this.verdicts.set(key, verdict);
    return verdict;
  }

  /** The full dotted path a base expression names in its module, following its imports. */
  private qualified(file: string, base: Expr): string | null {
    const dotted = dottedName(base);
    if (!dotted) return null;
    const [first, ...rest] = dotted.split(".");
    const summary = this.project.index.summary(file);
    for (const s of topLevel(summary?.statements ?? [])) {
      if (s.kind === "from" && s.names !== "*") {
        const n = s.names.find((x) => (x.asname ?? x.name) === first);
        if (n) {
          const mod = this.project.modules.absoluteImport(file, s.level, s.module) ?? s.module;
          return [mod, n.name, ...rest].join(".");
        }
      }
      if (s.kind === "import") {
        const n = s.names.find((x) => (x.asname ?? x.module.split(".")[0]) === first);
        if (n) return n.asname ? [n.module, ...rest].join(".") : dotted;
      }
    }
    const mod = this.project.modules.moduleOfFile(file);
    return mod ? `${mod}.${dotted}` : dotted;
  }

  private isKnownBase(file: string, base: Expr): boolean {
    const full = this.qualified(file, base);
    if (!full) return false;
    const i = full.lastIndexOf(".");
    const mod = i < 0 ? "" : full.slice(0, i);
    const name = full.slice(i + 1);
    if (KNOWN_BASES[mod]?.includes(name)) return true;
    // A base from a package outside the workspace with a test-case name (a project's test utils
    // installed as a dependency, `from myproject_testing import TestCase`): trust the name.
    return KNOWN_NAMES.has(name) && !this.project.modules.resolveSymbol(full);
  }

  private workspaceClass(file: string, base: Expr): { cls: ClassDef; file: string } | null {
    const full = this.qualified(file, base);
    if (!full) return null;
    const sym = this.project.modules.resolveSymbol(full);
    if (!sym || sym.kind !== "class" || !sym.file || sym.def?.kind !== "class") return null;
    return { cls: sym.def, file: sym.file };
  }
}

