// Prisma's schema engine, loaded from its WebAssembly build. The Prisma CLI would
// download a native schema-engine binary, which is unreachable offline; the WASM
// build ships inside an npm package. See docs/database.md for what works with it
// (datamodel diffs, applyMigrations) and what must not be used (anything needing
// a shadow database).
import fs from "node:fs";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaPg } from "@prisma/adapter-pg";
import { Mutex } from "async-mutex";
import { SerializedSqliteAdapterFactory } from "@/lib/db/serialized-sqlite-adapter";
import type { DbTarget } from "@/lib/db/target";

import type * as EngineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";

type EngineModule = typeof EngineGlue;

// The glue module is a native import, shared by the whole process; instantiating
// the WASM twice (two bundles or test projects loading this file) would swap the
// instance under a running engine. So the instance is cached process-wide too.
const loadedSlot = Symbol.for("warden.schemaEngineWasm");
function loadOnce(): Promise<EngineModule> {
  const holder = globalThis as { [loadedSlot]?: Promise<EngineModule> };
  return (holder[loadedSlot] ??= loadWasm());
}

// The WASM build reports Rust panics through a global registry that the Prisma
// CLI normally installs; without it a panic surfaces as an unrelated TypeError.
const panics = { last: "" as string };
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    panics.last = message;
  },
};

export function lastEnginePanic(): string {
  return panics.last;
}

async function loadWasm(): Promise<EngineModule> {
  const require = createRequire(import.meta.url);
  const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = (await import(jsPath)) as EngineModule;
  const bytes = fs.readFileSync(jsPath.replace(/\.js$/, ".wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
  (bg as unknown as { __wbg_set_wasm: (e: WebAssembly.Exports) => void }).__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return bg;
}

function adapterFactory(target: DbTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === "sqlite") return new SerializedSqliteAdapterFactory(target.file);
  return new PrismaPg({ connectionString: target.url, max: 2 });
}

// engine.free() does not close the connections the engine opened; on SQLite one
// of them holds `locking_mode=EXCLUSIVE`, so they must be closed explicitly.
function trackConnections(inner: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const keep = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => keep(inner.connect()),
    connectToShadowDb: () => keep(inner.connectToShadowDb()),
  };
  const closeAll = async () => {
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  };
  return { factory, closeAll };
}

// One WASM instance cannot run two engines at once (it panics with
// "unreachable"), so every use in the process takes turns.
const turnSlot = Symbol.for("warden.schemaEngineTurn");
function turn(): Mutex {
  const holder = globalThis as { [turnSlot]?: Mutex };
  return (holder[turnSlot] ??= new Mutex());
}

/** Runs `fn` with a schema engine connected (lazily) to `target`, and frees it afterwards. */
export function withSchemaEngine<T>(
  target: DbTarget,
  schema: { path: string; text: string },
  fn: (engine: SchemaEngine) => Promise<T>,
  log: (line: string) => void = () => {},
): Promise<T> {
  return turn().runExclusive(() => runEngine(target, schema, fn, log));
}

async function runEngine<T>(
  target: DbTarget,
  schema: { path: string; text: string },
  fn: (engine: SchemaEngine) => Promise<T>,
  log: (line: string) => void = () => {},
): Promise<T> {
  const bg = await loadOnce();
  const { factory, closeAll } = trackConnections(adapterFactory(target));
  try {
    const engine = (await bg.SchemaEngine.new(
      { datamodels: [[schema.path, schema.text]] },
      (message: string) => log(message),
      bindMigrationAwareSqlAdapterFactory(factory),
    )) as unknown as SchemaEngine;
    try {
      return await fn(engine);
    } catch (error) {
      if (panics.last) throw new Error(`Prisma schema engine panicked: ${panics.last}`, { cause: error });
      throw error;
    } finally {
      engine.free();
    }
  } finally {
    await closeAll();
  }
}
