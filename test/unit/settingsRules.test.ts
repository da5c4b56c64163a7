// The first diagnostic family: settings paths that do not resolve, in Django's own words.
import * as assert from "node:assert/strict";
import { runRules } from "../../server/src/analysis/diagnostics/registry";
import { unknownInstalledApp, unknownMiddleware, unknownRootUrlconf } from "../../server/src/analysis/diagnostics/settingsPaths";
import { MANAGE, workspaceOf } from "./helpers";

async function findings(settings: string, extra: Record<string, string> = {}, djangoVersion?: string) {
  const { ws } = await workspaceOf({ "manage.py": MANAGE("proj.settings"), "proj/__init__.py": "", "proj/urls.py": "urlpatterns = []\n", "proj/settings.py": settings, ...extra }, { djangoVersion });
  return runRules(ws.projects()[0], {}, [unknownInstalledApp, unknownMiddleware, unknownRootUrlconf]).findings.map((f) => [f.code, f.message]);
}

describe("settings path rules", () => {
  it("reports a missing app of the project, a missing AppConfig class with Django's choices, a bad AppConfig.name", async () => {
    const got = await findings('INSTALLED_APPS = ["proj.blog", "shop.apps.ShopConfg", "other"]\n', {
      "shop/__init__.py": "",
      "shop/apps.py": 'from django.apps import AppConfig\nclass ShopConfig(AppConfig):\n    name = "shop"\nclass ShopAdminConfig(ShopConfig):\n    name = "shop"\n',
      "other/__init__.py": "",
      "other/apps.py": 'from django.apps import AppConfig\nclass OtherConfig(AppConfig):\n    name = "proj.other"\n',
    });
    assert.deepEqual(got, [
      ["lens.unknown-installed-app", "No module named 'proj.blog'"],
      ["lens.unknown-installed-app", "Module 'shop.apps' does not contain a 'ShopConfg' class. Choices are: 'ShopAdminConfig', 'ShopConfig'."],
      ["lens.unknown-installed-app", "Cannot import 'proj.other'. Check that 'other.apps.OtherConfig.name' is correct."],
    ]);
  });

  it("checks Django's own entries against its catalogue, by version, and makes no claim on outside packages", async () => {
    const settings = 'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.sesions", "rest_framework", "debug_toolbar"]\nMIDDLEWARE = ["django.middleware.common.CommonMiddleware", "django.middleware.common.ComonMiddleware", "django.contrib.auth.middleware.LoginRequiredMiddleware", "corsheaders.middleware.CorsMiddleware"]\n';
    assert.deepEqual(await findings(settings, {}, "5.2"), [
      ["lens.unknown-installed-app", "No module named 'django.contrib.sesions'"],
      ["lens.unknown-middleware", 'Module "django.middleware.common" does not define a "ComonMiddleware" attribute/class'],
    ]);
    // LoginRequiredMiddleware arrived in Django 5.1.
    assert.deepEqual((await findings(settings, {}, "4.2")).map((f) => f[1]), [
      "No module named 'django.contrib.sesions'",
      'Module "django.middleware.common" does not define a "ComonMiddleware" attribute/class',
      'Module "django.contrib.auth.middleware" does not define a "LoginRequiredMiddleware" attribute/class',
    ]);
  });

  it("resolves middleware classes re-exported by a package, and reports a missing module of the project", async () => {
    const got = await findings('MIDDLEWARE = ["proj.mw.Timing", "proj.nothing.X", "proj.mw.Missing"]\n', { "proj/mw/__init__.py": "from .timing import Timing\n", "proj/mw/timing.py": "class Timing:\n    pass\n" });
    assert.deepEqual(got, [
      ["lens.unknown-middleware", "No module named 'proj.nothing'"],
      ["lens.unknown-middleware", 'Module "proj.mw" does not define a "Missing" attribute/class'],
    ]);
  });

  it("reports ROOT_URLCONF naming a missing module of the project only", async () => {
    assert.deepEqual(await findings('ROOT_URLCONF = "proj.urlz"\n'), [["lens.unknown-root-urlconf", "No module named 'proj.urlz'"]]);
    assert.deepEqual(await findings('ROOT_URLCONF = "proj.urls"\n'), []);
    assert.deepEqual(await findings('import os\nROOT_URLCONF = os.environ["URLCONF"]\n'), []);
  });
});
