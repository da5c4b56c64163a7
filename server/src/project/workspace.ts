// The workspace: its folders, the shared index and the Django projects found in them.
import * as fs from "node:fs";
import * as path from "node:path";
import { findManagePyFiles } from "./discovery";
import { WorkspaceIndex } from "./index";
import { type Logger, nullLogger } from "./logger";
import { DjangoProject, type ProjectOptions } from "./project";

export class Workspace {
  readonly index: WorkspaceIndex;
  private folders: string[] = [];
  private discovered: DjangoProject[] | null = null;

  constructor(
    folders: string[],
    private readonly optionsFor: (folder: string) => ProjectOptions = () => ({}),
    readonly log: Logger = nullLogger,
  ) {
    this.index = new WorkspaceIndex(log);
    this.folders = folders.map((f) => path.resolve(f));
  }

  /** The projects are found and built anew; memoised results may hold the old ones, so they go too. */
  private rediscover(): void {
    this.discovered = null;
    this.index.resetMemos();
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  setFolders(folders: string[]): void {
    this.folders = folders.map((f) => path.resolve(f));
    this.rediscover();
  }

  /** Settings changed: projects are rebuilt with the new options. */
  optionsChanged(): void {
    this.rediscover();
  }

  folderOf(file: string): string | undefined {
    return this.folders
      .filter((f) => file === f || file.startsWith(f + path.sep))
      .sort((a, b) => b.length - a.length)[0];
  }

  projects(): DjangoProject[] {
    if (!this.discovered) {
      const out: DjangoProject[] = [];
      for (const folder of this.folders) {
        for (const managePy of findManagePyFiles(folder, (m) => this.log.warn(m))) {
          out.push(new DjangoProject(managePy, this.index, this.optionsFor(folder)));
        }
      }
      this.discovered = out;
    }
    return this.discovered;
  }

  /** The project whose code holds this file: the deepest matching source root wins. */
  projectFor(file: string): DjangoProject | undefined {
    let best: DjangoProject | undefined;
    let bestLen = -1;
    for (const p of this.projects()) {
      for (const root of [p.root, ...p.sourceRoots]) {
        if ((file === root || file.startsWith(root + path.sep)) && root.length > bestLen) {
          best = p;
          bestLen = root.length;
        }
      }
    }
    return best;
  }

  /** A file was created, changed or deleted on disk. */
  fileChanged(file: string, kind: "created" | "changed" | "deleted"): void {
    this.index.fileChanged(file);
    if (kind === "deleted") this.index.folderChanged(file);
    if (!this.discovered) return;
    // A manage.py that appeared or vanished (alone or with its folder) changes the project list.
    const known = this.discovered.some((p) => p.managePy === file);
    const exists = fs.existsSync(file);
    if (path.basename(file) === "manage.py" && known !== exists) this.rediscover();
    else if (kind === "deleted" && this.discovered.some((p) => p.managePy.startsWith(file + path.sep))) this.rediscover();
    else if (kind === "created" && exists && fs.statSync(file).isDirectory()) this.rediscover();
  }
}
