// The interpreter for a project, from the sources findInterpreter() orders: the Python extension's
// API (when that extension is installed), the setting, virtualenvs on disk, python3.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PythonExtension } from "@vscode/python-extension";
import * as vscode from "vscode";
import { type Interpreter, findInterpreter } from "./interpreter";

const PYTHON_EXTENSION_ID = "ms-python.python";

async function fromPythonExtension(root: string): Promise<string | null> {
  if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) return null;
  try {
    const api = await PythonExtension.api();
    const env = api.environments.getActiveEnvironmentPath(vscode.Uri.file(root));
    const resolved = await api.environments.resolveEnvironment(env);
    return resolved?.executable.uri?.fsPath ?? null;
  } catch {
    return null; // the extension is there but not usable: fall back to the other sources
  }
}

export async function interpreterFor(projectRoot: string): Promise<Interpreter> {
  const uri = vscode.Uri.file(projectRoot);
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? null;
  const setting = vscode.workspace.getConfiguration("djangoLens", uri).get<string | null>("pythonPath") ?? null;
  return findInterpreter(
    { fromPythonExtension: await fromPythonExtension(projectRoot), setting, projectRoot, workspaceFolder: folder, home: os.homedir() },
    {
      isFile: (p) => {
        try {
          return fs.statSync(p).isFile();
        } catch {
          return false;
        }
      },
      list: (dir) => {
        try {
          return fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory());
        } catch {
          return [];
        }
      },
    },
  );
}
