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

// ---- The sidebar, the test explorer and URL navigation (fed to the VS Code client's trees) ----

/** A project is named by its manage.py (absolute path) in the requests below. */
export interface ProjectScoped {
  /** Absolute path of manage.py; omitted: every project. */
  managePy?: string;
}

/** One node of the Apps tree. The client only renders it: labels, icons and places come from here. */
export interface AppsTreeNode {
  /** Stable within a project (used as the tree item id, so expansion survives refreshes). */
  id: string;
  kind:
    | "project" | "app" | "group" | "model" | "field" | "view" | "url" | "migration" | "admin" | "serializer"
    | "testClass" | "testMethod" | "message";
  label: string;
  description?: string;
  tooltip?: string;
  /** Where a click goes. */
  location?: ProtocolLocation;
  /** A warning shown on the node (a model whose migrations lag behind its code: "drift"). */
  warning?: string;
  /** What the context actions need: the app label, a migration name, a test's dotted label. */
  app?: string;
  migration?: string;
  testLabel?: string;
  children?: AppsTreeNode[];
}

/** `djangoLens/appsTree`: per project, its workspace apps and what each defines. */
export const AppsTreeRequest = "djangoLens/appsTree";
export type AppsTreeParams = ProjectScoped;
export interface AppsTreeResult {
  projects: { managePy: string; root: AppsTreeNode }[];
}

export interface RouteInfo {
  /** As Django's ResolverMatch.route says it. */
  route: string;
  /** `ns:name`, or null. */
  name: string | null;
  /** `module.symbol` of the view, or null when it cannot be resolved statically. */
  view: string | null;
  viewLocation: ProtocolLocation | null;
  /** The `path()` call. */
  source: ProtocolLocation | null;
  /** Added under a condition that cannot be decided statically. */
  conditional: boolean;
}

/** `djangoLens/urls`: the full URL map, in resolution order. */
export const UrlsRequest = "djangoLens/urls";
export type UrlsParams = ProjectScoped;
export interface UrlsResult {
  projects: { managePy: string; rootUrlconf: string | null; complete: boolean; urls: RouteInfo[] }[];
}

/** `djangoLens/resolve`: what Django's resolver would pick for a path, per project. */
export const ResolveRequest = "djangoLens/resolve";
export interface ResolveParams extends ProjectScoped {
  path: string;
}
export interface ResolveResult {
  projects: { managePy: string; match: RouteInfo | null; kwargs: Record<string, string>; uncertain: string | null }[];
}

/** A test class or method, as `manage.py test` labels it. */
export interface TestItemInfo {
  /** The dotted label `manage.py test` takes: `shop.tests.UrlTests.test_list`. */
  label: string;
  name: string;
  location: ProtocolLocation;
  children?: TestItemInfo[];
}

export interface TestModuleInfo {
  /** `shop.tests`, `shop.tests.test_models`. */
  module: string;
  uri: string;
  /** The app label whose folder holds the module, when one does. */
  app: string | null;
  classes: TestItemInfo[];
}

/** `djangoLens/tests`: Django tests found statically (what `manage.py test` would discover). */
export const TestsRequest = "djangoLens/tests";
export type TestsParams = ProjectScoped;
export interface TestsResult {
  projects: { managePy: string; testRunner: string | null; modules: TestModuleInfo[] }[];
}

// ---- Migrations (the Migrations tree and the drift code action) ----

/** One operation `makemigrations` would write. */
export interface PendingOperationInfo {
  /** Django's operation class name: AddField, AlterField, CreateModel, … */
  operation: string;
  /** Django's lower-case model name. */
  model: string;
  field?: string;
  /** Human detail ("max_length 50 → 80"), when there is one. */
  detail?: string;
}

export interface AppMigrationsInfo {
  app: string;
  /** The app's leaf migrations (more than one: a conflict). */
  leaves: string[];
  conflicts: string[];
  /** Empty when the status is "unknown" (no claim is made). */
  pending: PendingOperationInfo[];
  /**
   * "clean": nothing to write; "drift": makemigrations would write `pending`; "conflict": several
   * leaves; "error": the migration graph is broken (see `reason`); "unknown": not decided
   * statically (see `reason`). Whether migrations are applied is not known here (no database).
   */
  status: "clean" | "drift" | "conflict" | "error" | "unknown";
  reason?: string;
  /** makemigrations would stop and ask (a non-null field without a default, …). */
  wouldAsk?: string;
  /** The app's migrations folder. */
  migrationsDir: string | null;
}

/** A broken graph, a conflict or a hint, in Django's words where Django has them. */
export interface MigrationProblemInfo {
  kind: "node-not-found" | "unknown-app" | "circular" | "conflict" | "duplicate-number";
  app: string;
  message: string;
  /** The exception Django raises (NodeNotFoundError, CircularDependencyError, …). */
  type?: string;
  location: ProtocolLocation | null;
}

/** `djangoLens/migrations`: per project, what `makemigrations --check` would say, per app. */
export const MigrationsRequest = "djangoLens/migrations";
export type MigrationsParams = ProjectScoped;
export interface MigrationsResult {
  projects: { managePy: string; djangoVersion: string; apps: AppMigrationsInfo[]; problems: MigrationProblemInfo[] }[];
}

/** The client command the "Make migrations for <app>" code action runs, and its argument. */
export const MakeMigrationsCommand = "djangoLens.makemigrations";
export interface MakeMigrationsArgs {
  /** Absolute path of manage.py. */
  managePy: string;
  app: string;
}
