import { migrationsSection } from "./migrations";
import { modelsSection } from "./models";
import { urlsSection } from "./urls";
// Benchmark sections of each concern (urls, models, migrations, …): each returns table rows.
export type Row = [string, string];

export interface BenchContext {
  /** The generated project's folder (manage.py at its top). */
  dir: string;
  apps: number;
  modelsPerApp: number;
}

export const SECTIONS: [string, (ctx: BenchContext) => Promise<Row[]>][] = [
  ["urls", (ctx) => urlsSection(ctx)],
  ["models", (ctx) => modelsSection(ctx)],
  ["migrations", (ctx) => migrationsSection(ctx)],
];
