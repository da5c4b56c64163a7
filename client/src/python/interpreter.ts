// Which Python runs manage.py, in order: the Python extension's active interpreter for the
// project, else the `djangoLens.pythonPath` setting, else a virtualenv beside manage.py (or in
// the workspace folder above it), else `python3`. Pure (no `vscode`): the file system is passed
// in, so the order and the virtualenv probing are unit-tested.
import * as path from "node:path";

export interface InterpreterSources {
  /** The Python extension's interpreter for the project, when that extension is installed. */
  fromPythonExtension?: string | null;
  /** `djangoLens.pythonPath` (may hold `${workspaceFolder}` or `~`). */
  setting?: string | null;
  /** Folder of manage.py. */
  projectRoot: string;
  /** The workspace folder holding the project (virtualenvs often sit at its top). */
  workspaceFolder?: string | null;
  platform?: NodeJS.Platform;
  home?: string;
}

export interface FileProbe {
  isFile(p: string): boolean;
  /** Names in a folder (empty when it does not exist). */
  list(dir: string): string[];
}

export interface Interpreter {
  command: string;
  source: "python-extension" | "setting" | "virtualenv" | "default";
}

/** Folder names taken for virtualenvs, in order; `env*` covers `env`, `env3`, `env-django`. */
const VENV_NAMES = [".venv", "venv", ".env"];

export function venvPython(venv: string, platform: NodeJS.Platform): string {
  return platform === "win32" ? path.join(venv, "Scripts", "python.exe") : path.join(venv, "bin", "python");
}

function expand(setting: string, src: InterpreterSources): string {
  let p = setting.trim();
  if (src.workspaceFolder) p = p.replace(/\$\{workspaceFolder\}/g, src.workspaceFolder);
  if (src.home && (p === "~" || p.startsWith("~/"))) p = path.join(src.home, p.slice(1));
  // A bare command (`python3.12`) stays a command; a relative path is relative to the project.
  if (!path.isAbsolute(p) && (p.includes("/") || p.includes("\\"))) p = path.resolve(src.projectRoot, p);
  return p;
}

export function findInterpreter(src: InterpreterSources, fs: FileProbe): Interpreter {
  if (src.fromPythonExtension) return { command: src.fromPythonExtension, source: "python-extension" };
  if (src.setting && src.setting.trim()) return { command: expand(src.setting, src), source: "setting" };
  const platform = src.platform ?? process.platform;
  const folders = [src.projectRoot];
  if (src.workspaceFolder && path.resolve(src.workspaceFolder) !== path.resolve(src.projectRoot)) folders.push(src.workspaceFolder);
  for (const dir of folders) {
    const names = fs.list(dir);
    const candidates = [
      ...VENV_NAMES.filter((n) => names.includes(n)),
      ...names.filter((n) => /^env/.test(n)).sort(),
    ];
    for (const name of candidates) {
      const py = venvPython(path.join(dir, name), platform);
      if (fs.isFile(py)) return { command: py, source: "virtualenv" };
    }
  }
  return { command: platform === "win32" ? "python" : "python3", source: "default" };
}
