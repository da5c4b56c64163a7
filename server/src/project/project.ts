// A Django project found in the workspace: its manage.py, source roots, settings module and the
// evaluation of modules (memoised in the shared index on the files each evaluation read).
import * as path from "node:path";
import { deepEqual } from "./equal";
import { type ModuleEvaluation, evaluateModuleFile } from "./evaluate";
import type { WorkspaceIndex } from "./index";
import { ModuleResolver } from "./modules";
import { type SettingsSource, detectSettingsModule, sourceRootsFor } from "./discovery";
import { type DjangoVersion, detectDjangoVersion } from "./djangoVersion";

export interface ProjectOptions {
  /** `djangoLens.settingsModule` or `--settings`. */
  settingsModule?: string | null;
  /** `djangoLens.djangoVersion` or `--django-version`. */
  djangoVersion?: string | null;
}

export class DjangoProject {
  readonly root: string;
  readonly modules: ModuleResolver;
  private evaluating = new Set<string>();

  constructor(
    readonly managePy: string,
    readonly index: WorkspaceIndex,
    readonly options: ProjectOptions = {},
  ) {
    this.root = path.dirname(managePy);
    this.modules = new ModuleResolver(index, sourceRootsFor(managePy, index.summary(managePy)));
  }

  get sourceRoots(): string[] {
    return this.modules.sourceRoots;
  }

  /** Where the settings module name came from; null when nothing names one. */
  settingsSource(): SettingsSource | null {
    return this.index.memo(`settings-source:${this.managePy}:${this.options.settingsModule ?? ""}`, () =>
      detectSettingsModule(this.managePy, this.sourceRoots, this.index, this.options.settingsModule),
    );
  }

  djangoVersion(): DjangoVersion {
    // Compared by value: it may read migration headers, which most edits leave alone.
    return this.index.memo(`django-version:${this.managePy}:${this.options.djangoVersion ?? ""}`, () => detectDjangoVersion(this, this.options.djangoVersion), {
      equals: deepEqual,
    });
  }

  /** Evaluates a workspace module's top level; null when it is not in the workspace. */
  evaluateModule(name: string): ModuleEvaluation | null {
    const key = `eval:${this.managePy}:${name}`;
    if (this.evaluating.has(key)) return null; // import cycle: what is known so far
    return this.index.memo(key, () => {
      const mod = this.modules.resolveModule(name);
      if (!mod?.file) return null;
      const summary = this.index.summary(mod.file);
      if (!summary) return null;
      this.evaluating.add(key);
      try {
        return evaluateModuleFile(mod.file, name, summary.statements, this.modules, (n) => this.evaluateModule(n));
      } finally {
        this.evaluating.delete(key);
      }
    });
  }

  /** The evaluated settings module, or null when there is none or it is not in the workspace. */
  settingsModule(): ModuleEvaluation | null {
    const src = this.settingsSource();
    return src ? this.evaluateModule(src.module) : null;
  }

  relative(file: string, base: string): string {
    return path.relative(base, file).split(path.sep).join("/") || ".";
  }
}
