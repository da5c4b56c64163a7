// Module resolution over source roots and symbol lookup through re-exports.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { MANAGE, workspaceOf } from "./helpers";

describe("module resolution", () => {
  it("maps dotted names to files and back, over several source roots", async () => {
    const { root, ws } = await workspaceOf({
      "manage.py": MANAGE("config.settings").replace("import os, sys", 'import os, sys\nfrom pathlib import Path\nsys.path.insert(0, str(Path(__file__).resolve().parent / "src"))'),
      "src/config/__init__.py": "",
      "src/config/settings.py": "",
      "src/shop/__init__.py": "",
      "src/shop/views.py": "",
      "src/nspkg/mod.py": "",
    });
    const m = ws.projects()[0].modules;
    assert.deepEqual(m.sourceRoots, [root, path.join(root, "src")]);
    assert.equal(m.resolveModule("shop.views")?.file, path.join(root, "src/shop/views.py"));
    assert.equal(m.resolveModule("shop")?.file, path.join(root, "src/shop/__init__.py"));
    assert.equal(m.resolveModule("nspkg")?.file, null, "a namespace package has no file");
    assert.equal(m.resolveModule("nspkg.mod")?.file, path.join(root, "src/nspkg/mod.py"));
    assert.equal(m.resolveModule("shop.nothing"), null);
    assert.equal(m.moduleOfFile(path.join(root, "src/shop/views.py")), "shop.views");
    assert.equal(m.moduleOfFile(path.join(root, "src/shop/__init__.py")), "shop");
    assert.equal(m.absoluteImport(path.join(root, "src/shop/views.py"), 1, "models"), "shop.models");
    assert.equal(m.absoluteImport(path.join(root, "src/shop/__init__.py"), 1, "views"), "shop.views");
  });

  it("finds classes, methods and re-exported names", async () => {
    const { root, ws } = await workspaceOf({
      "manage.py": MANAGE("p.settings"),
      "p/__init__.py": "",
      "p/settings.py": "",
      "shop/__init__.py": "",
      "shop/views/__init__.py": "from .products import ProductView as PV\nfrom .orders import *\n",
      "shop/views/products.py": "class ProductView:\n    def get(self):\n        pass\n",
      "shop/views/orders.py": "def order_list(request):\n    pass\n",
    });
    const m = ws.projects()[0].modules;
    const pv = m.resolveSymbol("shop.views.PV");
    assert.equal(pv?.file, path.join(root, "shop/views/products.py"));
    assert.equal(pv?.symbol, "ProductView");
    assert.equal(pv?.range?.start.line, 0);
    assert.equal(m.resolveSymbol("shop.views.PV.get")?.symbol, "ProductView.get");
    assert.equal(m.resolveSymbol("shop.views.order_list")?.file, path.join(root, "shop/views/orders.py"));
    assert.equal(m.resolveSymbol("shop.views.products")?.kind, "module");
    assert.equal(m.resolveSymbol("shop.views.Missing"), null);
  });
});
