// Static evaluation of settings modules: the forms real settings files use.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { appRegistry } from "../../server/src/analysis/settings/apps";
import { readSettings } from "../../server/src/analysis/settings/settings";
import { toPlain } from "../../server/src/project/evaluate";
import { MANAGE, workspaceOf } from "./helpers";

async function settingsOf(files: Record<string, string>, module = "proj.settings") {
  const { root, ws } = await workspaceOf({ "manage.py": MANAGE(module), "proj/__init__.py": "", ...files });
  const project = ws.projects()[0];
  const ev = project.settingsModule();
  return { root, project, ev, get: (n: string) => { const v = ev?.names.get(n); return v ? toPlain(v) : undefined; } };
}

describe("settings evaluation", () => {
  it("evaluates literals, containers and arithmetic on them", async () => {
    const { get } = await settingsOf({
      "proj/settings.py": 'A = [1, "x", None, True]\nB = ("a",) + ("b",)\nC = {"k": {"n": 2 * 3}}\nD = A[1]\nE = -1\nF = [*B, "c"]\n',
    });
    assert.deepEqual(get("A"), [1, "x", null, true]);
    assert.deepEqual(get("B"), ["a", "b"]);
    assert.deepEqual(get("C"), { k: { n: 6 } });
    assert.equal(get("D"), "x");
    assert.equal(get("E"), -1);
    assert.deepEqual(get("F"), ["a", "b", "c"]);
  });

  it("follows += and list and dict mutation", async () => {
    const { get } = await settingsOf({
      "proj/settings.py": 'APPS = ["a"]\nAPPS += ["b"]\nAPPS.append("c")\nAPPS.extend(("d",))\nAPPS.insert(0, "z")\nAPPS.remove("a")\nDB = {"default": {"NAME": "x"}}\nDB["default"]["NAME"] = "y"\nDB["other"] = {}\nDB.update({"third": 1})\n',
    });
    assert.deepEqual(get("APPS"), ["z", "b", "c", "d"]);
    assert.deepEqual(get("DB"), { default: { NAME: "y" }, other: {}, third: 1 });
  });

  it("computes BASE_DIR with pathlib and os.path, and joins paths", async () => {
    const { root, get } = await settingsOf({
      "proj/settings.py": 'import os\nfrom pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nT = BASE_DIR / "templates"\nOLD = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\nS = os.path.join(OLD, "static")\nN = str(BASE_DIR / "db.sqlite3")\n',
    });
    assert.equal(get("BASE_DIR"), root);
    assert.equal(get("T"), path.join(root, "templates"));
    assert.equal(get("OLD"), root);
    assert.equal(get("S"), path.join(root, "static"));
    assert.equal(get("N"), path.join(root, "db.sqlite3"));
  });

  it("makes environment lookups and unmodelled calls unknown, never an error", async () => {
    const { ev, get } = await settingsOf({
      "proj/settings.py": 'import os\nimport environ\nenv = environ.Env()\nSECRET = os.environ["SECRET"]\nDEBUG = os.environ.get("DEBUG") == "1"\nX = env("X")\nY = os.getenv("Y", "d")\nZ = some_function()\nOK = "fine"\n',
    });
    for (const n of ["SECRET", "DEBUG", "X", "Y", "Z"]) assert.equal(get(n), undefined, n);
    assert.equal(ev?.names.get("SECRET")?.k, "unknown");
    assert.equal(get("OK"), "fine");
  });

  it("follows `from .base import *` chains of split settings", async () => {
    const { get, project } = await settingsOf(
      {
        "proj/settings/__init__.py": "",
        "proj/settings/base.py": 'INSTALLED_APPS = ["a"]\nMIDDLEWARE = ["m1"]\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3"}}\n_private = 1\n',
        "proj/settings/common.py": 'from .base import *\nINSTALLED_APPS += ["b"]\n',
        "proj/settings/dev.py": 'from .common import *\nINSTALLED_APPS = INSTALLED_APPS + ["c"]\nMIDDLEWARE.insert(0, "m0")\nDATABASES["default"]["NAME"] = "dev"\n',
      },
      "proj.settings.dev",
    );
    assert.deepEqual(get("INSTALLED_APPS"), ["a", "b", "c"]);
    assert.deepEqual(get("MIDDLEWARE"), ["m0", "m1"]);
    assert.deepEqual(get("DATABASES"), { default: { ENGINE: "django.db.backends.sqlite3", NAME: "dev" } });
    assert.equal(get("_private"), undefined, "star imports skip private names");
    assert.equal(readSettings(project).databases?.[0].engine, "django.db.backends.sqlite3");
  });

  it("decides known if-conditions and marks undecidable additions as maybe", async () => {
    const { ev, get } = await settingsOf({
      "proj/settings.py": 'import os\nDEBUG = True\nAPPS = ["a"]\nif DEBUG:\n    APPS += ["debug"]\nelse:\n    APPS += ["prod"]\nif os.environ.get("X"):\n    APPS.append("maybe")\n',
    });
    assert.deepEqual(get("APPS"), ["a", "debug", "maybe"]);
    const apps = ev!.names.get("APPS")!;
    assert.ok(apps.k === "list" && apps.items[2].maybe && !apps.items[1].maybe);
  });

  it("takes the except branch when a workspace import in try fails, and reports unguarded ones", async () => {
    const { get, ev } = await settingsOf({
      "proj/settings.py": 'A = 1\ntry:\n    from .local import *\nexcept ImportError:\n    A = 2\nfrom proj.missing import B\nC = 3\n',
    });
    assert.equal(get("A"), 2);
    assert.deepEqual(ev?.problems.map((p) => p.message), ["No module named 'proj.missing'"]);
  });

  it("survives import cycles between settings modules", async () => {
    const { get } = await settingsOf({ "proj/settings.py": 'from proj.other import *\nA = 1\n', "proj/other.py": 'from proj.settings import *\nB = 2\n' });
    assert.equal(get("A"), 1);
    assert.equal(get("B"), 2);
  });

  it("resolves INSTALLED_APPS to app configs as AppConfig.create() does", async () => {
    const { project } = await settingsOf({
      "proj/settings.py": 'INSTALLED_APPS = ["django.contrib.auth", "one", "two", "three.apps.CustomConfig", "external_pkg", "four"]\n',
      "one/__init__.py": "",
      "one/apps.py": 'from django.apps import AppConfig\nclass OneConfig(AppConfig):\n    name = "one"\n    label = "uno"\n',
      "two/__init__.py": "",
      "two/apps.py": 'from django.apps import AppConfig\nclass A(AppConfig):\n    name = "two"\n    label = "a"\nclass B(AppConfig):\n    name = "two"\n    label = "b"\n    default = True\n',
      "three/__init__.py": "",
      "three/apps.py": 'from django.apps import AppConfig\nclass CustomConfig(AppConfig):\n    name = "three"\n    default_auto_field = "django.db.models.BigAutoField"\n',
      "four/__init__.py": "",
      "four/apps.py": 'from django.apps import AppConfig\nclass X(AppConfig):\n    name = "four"\n    label = "x"\nclass Y(AppConfig):\n    name = "four"\n    label = "y"\n',
    });
    const reg = appRegistry(project);
    assert.deepEqual(reg.apps.map((a) => [a.label, a.name, a.origin]), [
      ["auth", "django.contrib.auth", "django"],
      ["uno", "one", "workspace"],
      ["b", "two", "workspace"],
      ["three", "three", "workspace"],
      ["external_pkg", "external_pkg", "external"],
      // Two configs, none default: Django uses a plain AppConfig for the module.
      ["four", "four", "workspace"],
    ]);
    assert.equal(reg.apps[3].defaultAutoField, "django.db.models.BigAutoField");
    assert.deepEqual(reg.unresolved, []);
  });
});
