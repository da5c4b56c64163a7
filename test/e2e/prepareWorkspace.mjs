#!/usr/bin/env node
// Makes a temp copy of a fixture runnable by the real Django for the end-to-end tests, the way a
// user would configure their own machine (nothing in the fixture itself changes):
// - mysite's DATABASES name postgres and mysql, whose drivers are not installed here: a settings
//   module `<project>/settings_e2e.py` star-imports the real settings and swaps both aliases
//   (`default`, `users`) for SQLite files; the analysis keeps reading the real settings;
// - `.vscode/settings.json` gives manage.py that module and Django's path through
//   `djangoLens.manage.env`, the interpreter through `djangoLens.pythonPath`, and, as TEST_RUNNER
//   names xmlrunner (not installed), `djangoLens.test.testRunner` = DiscoverRunner.
//   usage: prepareWorkspace.mjs WORKSPACE DJANGO_SITE_PACKAGES
import fs from "node:fs";
import path from "node:path";

const [ws, sitePackages] = process.argv.slice(2);
if (!ws || !sitePackages) {
  console.error("usage: prepareWorkspace.mjs WORKSPACE DJANGO_SITE_PACKAGES");
  process.exit(2);
}
const managePy = path.join(ws, "manage.py");
const m = /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(fs.readFileSync(managePy, "utf8"));
if (!m) {
  console.error(`prepareWorkspace: no settings module in ${managePy}`);
  process.exit(2);
}
const settingsModule = m[1];
const pkg = settingsModule.slice(0, settingsModule.lastIndexOf("."));
const e2eModule = `${pkg}.settings_e2e`;
fs.writeFileSync(
  path.join(ws, ...pkg.split("."), "settings_e2e.py"),
  `"""End-to-end test settings: the project's settings on SQLite (no database drivers here)."""
from ${settingsModule} import *  # noqa: F401,F403

DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "e2e-default.sqlite3"},
    "users": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "e2e-users.sqlite3"},
}
`,
);
fs.mkdirSync(path.join(ws, ".vscode"), { recursive: true });
fs.writeFileSync(
  path.join(ws, ".vscode", "settings.json"),
  JSON.stringify(
    {
      "djangoLens.pythonPath": "/usr/bin/python3",
      "djangoLens.manage.env": { PYTHONPATH: sitePackages, DJANGO_SETTINGS_MODULE: e2eModule, PYTHONDONTWRITEBYTECODE: "1" },
      "djangoLens.test.testRunner": "django.test.runner.DiscoverRunner",
      "task.allowAutomaticTasks": "off",
    },
    null,
    2,
  ),
);
console.log(`prepared ${ws}: manage.py runs with ${e2eModule} (SQLite), Django from ${sitePackages}`);
