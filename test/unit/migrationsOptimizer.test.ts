// The optimizer (analysis/migrations/optimizer.ts) where Django's reduce() rules are conservative:
// DeleteModel.references_model() is always true, so nothing optimizes across a deleted model.
// Sequences are what Django 5.2's autodetector sorts for the mutants that once failed.
import * as assert from "node:assert/strict";
import type { FieldState } from "../../server/src/analysis/migrations/fields";
import { type PendingOp, optimize } from "../../server/src/analysis/migrations/optimizer";

const V52 = { major: 5, minor: 2 };
const fk = (to: string): FieldState => ({ path: "django.db.models.ForeignKey", kwargs: { to: { t: "str", v: to } } });
const char: FieldState = { path: "django.db.models.CharField", kwargs: { max_length: { t: "num", v: "30" } } };
const show = (ops: PendingOp[]) => ops.map((o) => `${o.operation} ${o.model}${o.field ? "." + o.field : ""}`);

describe("migrations: optimizer", () => {
  it("a new model's AddIndex is not folded into its CreateModel across a DeleteModel", () => {
    const ops: PendingOp[] = [
      { operation: "CreateModel", app: "orders", model: "coupon", modelFields: new Map([["label", char]]) },
      { operation: "CreateModel", app: "orders", model: "orderrenamed", modelFields: new Map() },
      { operation: "RemoveField", app: "orders", model: "order", field: "product" },
      { operation: "AddField", app: "orders", model: "coupon", field: "product", fieldState: fk("orders.warehouse") },
      { operation: "AddField", app: "orders", model: "orderrenamed", field: "product", fieldState: fk("catalog.product") },
      { operation: "DeleteModel", app: "orders", model: "order" },
      { operation: "AddIndex", app: "orders", model: "coupon", indexName: "coupon_idx" },
    ];
    assert.deepEqual(show(optimize(ops, V52)), ["CreateModel coupon", "CreateModel orderrenamed", "DeleteModel order", "AddIndex coupon"]);
  });

  it("a RemoveField is not swallowed by its model's DeleteModel across another DeleteModel", () => {
    const ops: PendingOp[] = [
      { operation: "RemoveField", app: "zoo", model: "keeper", field: "favourite" },
      { operation: "DeleteModel", app: "zoo", model: "cat" },
      { operation: "DeleteModel", app: "zoo", model: "keeper" },
    ];
    assert.deepEqual(show(optimize(ops, V52)), ["RemoveField keeper.favourite", "DeleteModel cat", "DeleteModel keeper"]);
    // Without the other deletion in between, it is.
    assert.deepEqual(show(optimize([ops[0], ops[2]], V52)), ["DeleteModel keeper"]);
  });
});
