// manage.py as VS Code tasks: a ProcessExecution (argv array, never a shell) with cwd = the folder
// of manage.py, the interpreter of interpreterFor(), the `djangoLens.manage.env` variables, and the
// problem matchers for system-check lines and tracebacks. The `django` TaskProvider offers the
// common commands and resolves users' own tasks.json entries of type `django`.
import * as path from "node:path";
import * as vscode from "vscode";
import type { ProjectInfo } from "../../../server/src/protocol";
import { interpreterFor } from "../python/pythonInterpreter";
import { type ManageCommand, describe, manageArgs } from "./manageArgs";

export const TASK_TYPE = "django";
export const PROBLEM_MATCHERS = ["$django-check", "$django-traceback"];

/** What a `django` task in tasks.json says (matches taskDefinitions in package.json). */
export interface DjangoTaskDefinition extends vscode.TaskDefinition {
  type: "django";
  /** The manage.py command: "migrate", "runserver", … */
  command: string;
  args?: string[];
  /** manage.py to run (absolute or relative to the workspace folder); default: the first project. */
  managePy?: string;
}

export function manageEnv(scope: vscode.Uri): Record<string, string> {
  const env = vscode.workspace.getConfiguration("djangoLens", scope).get<Record<string, string | null>>("manage.env") ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === "string") out[k] = v;
  // Unbuffered output, so the terminal and the parsers see lines as they happen.
  return { PYTHONUNBUFFERED: "1", ...out };
}

export async function buildTask(managePy: string, args: string[], definition?: DjangoTaskDefinition): Promise<vscode.Task> {
  const root = path.dirname(managePy);
  const uri = vscode.Uri.file(root);
  const python = await interpreterFor(root);
  const def: DjangoTaskDefinition = definition ?? { type: TASK_TYPE, command: args[0] ?? "", args: args.slice(1), managePy };
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.TaskScope.Workspace;
  const execution = new vscode.ProcessExecution(python.command, [managePy, ...args], { cwd: root, env: manageEnv(uri) });
  const task = new vscode.Task(def, folder, describe(args), "Django", execution, PROBLEM_MATCHERS);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  if (args[0] === "runserver") task.isBackground = true;
  return task;
}

export function commandTask(project: ProjectInfo, cmd: ManageCommand): Promise<vscode.Task> {
  return buildTask(project.managePy, manageArgs(cmd));
}

/** Runs a task and resolves with its exit code when its process ends (undefined if none). */
export async function runTask(task: vscode.Task): Promise<number | undefined> {
  const execution = await vscode.tasks.executeTask(task);
  return new Promise((resolve) => {
    const done = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution === execution || e.execution.task === execution.task) {
        done.dispose();
        resolve(e.exitCode);
      }
    });
  });
}

export class DjangoTaskProvider implements vscode.TaskProvider {
  constructor(private readonly projects: () => Promise<ProjectInfo[]>) {}

  async provideTasks(): Promise<vscode.Task[]> {
    if (!vscode.workspace.isTrusted) return [];
    const out: vscode.Task[] = [];
    for (const p of await this.projects()) {
      const port = String(vscode.workspace.getConfiguration("djangoLens", vscode.Uri.file(p.root)).get<number>("runserver.port") ?? 8000);
      const cmds: ManageCommand[] = [{ name: "check" }, { name: "makemigrations" }, { name: "migrate" }, { name: "runserver", port }, { name: "test" }];
      for (const c of cmds) out.push(await commandTask(p, c));
    }
    return out;
  }

  async resolveTask(task: vscode.Task): Promise<vscode.Task | undefined> {
    const def = task.definition as DjangoTaskDefinition;
    if (def.type !== TASK_TYPE || !def.command || !vscode.workspace.isTrusted) return undefined;
    const projects = await this.projects();
    const folder = typeof task.scope === "object" ? task.scope.uri.fsPath : undefined;
    const wanted = def.managePy ? path.resolve(folder ?? "", def.managePy) : undefined;
    const project = wanted ? projects.find((p) => p.managePy === wanted) : projects[0];
    if (!project) return undefined;
    const resolved = await buildTask(project.managePy, [def.command, ...(def.args ?? [])], def);
    // Keep what the user wrote (its name, matchers, presentation) and supply the execution.
    return new vscode.Task(def, task.scope ?? vscode.TaskScope.Workspace, task.name, "Django", resolved.execution, task.problemMatchers.length ? task.problemMatchers : PROBLEM_MATCHERS);
  }
}
