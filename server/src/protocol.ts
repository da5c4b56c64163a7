// The custom requests and notifications between the Django Lens server and its clients. The VS
// Code client imports this file and nothing else of the server; other editors can send the same
// requests (they are plain JSON-RPC).

/** A position and places as LSP has them: 0-based, UTF-16. */
export interface ProtocolLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface ProjectInfo {
  /** Folder holding manage.py. */
  root: string;
  managePy: string;
  settingsModule: string | null;
  /** Where the settings module's name came from: "manage.py", "wsgi.py", "setting", … */
  settingsFrom: string | null;
  djangoVersion: string;
  rootUrlconf: string | null;
  databases: string[];
  apps: { label: string; name: string; path: string | null; origin: string }[];
  /** Python files under the project's source roots that the index holds. */
  indexedFiles: number;
}

/** `djangoLens/projects`: every Django project in the workspace. */
export const ProjectsRequest = "djangoLens/projects";
export type ProjectsParams = Record<string, never>;
export interface ProjectsResult {
  projects: ProjectInfo[];
}

/** `djangoLens/status` (server → client): indexing state, for the status bar. */
export const StatusNotification = "djangoLens/status";
export interface StatusParams {
  state: "indexing" | "ready";
  projects: number;
  files?: number;
  message?: string;
}

/** `djangoLens/indexChanged` (server → client): derived data may have changed; trees refresh. */
export const IndexChangedNotification = "djangoLens/indexChanged";
export interface IndexChangedParams {
  files: string[];
}
