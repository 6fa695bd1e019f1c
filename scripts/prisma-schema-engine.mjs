#!/usr/bin/env node
// @ts-check
/**
 * A stand-in for Prisma's native schema engine binary, built on the
 * WebAssembly schema engine (@prisma/schema-engine-wasm) and the pg driver
 * adapter. The Prisma CLI downloads its native engine from outside the npm
 * registry, which this project must never need; pointing
 * PRISMA_SCHEMA_ENGINE_BINARY at this file makes the standard commands
 * (`prisma migrate dev|deploy|status|diff|reset`, `prisma db execute`) work
 * offline. It speaks the same protocol as the binary: JSON-RPC 2.0 over
 * stdin/stdout, JSON log lines on stderr, and the `cli <command>` one-shots.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

// The package's entry imports the .wasm file as an ES module, which Node only
// does behind a flag; instantiate it by hand instead.
// The engine reports a Rust panic's message through this global before it traps.
const panic = {
  message: "",
  set_message(/** @type {string} */ m) {
    this.message = m;
  },
};
/** @type {any} */ (globalThis).PRISMA_WASM_PANIC_REGISTRY = panic;
process.on("uncaughtException", (err) => {
  log("ERROR", panic.message || String(err?.stack ?? err), { is_panic: true });
  process.exit(101);
});
const bindingsPath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
const wasmPath = bindingsPath.replace(/\.js$/, ".wasm");
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": bindings });
bindings.__wbg_set_wasm(instance.exports);
/** @type {any} */ (instance.exports).__wbindgen_start();
const { SchemaEngine, version: wasmVersion } = bindings;

const USER_FACING_ERROR = 4466;

// The engine describes a database by reading pg_catalog, whose flag columns
// have PostgreSQL's one-byte "char" type (OID 18). The pg driver adapter has no
// mapping for it and refuses the whole result, while the engine expects a
// Character column. So: let pg treat those columns as text, remember which
// columns they were per SQL text (catalog queries are fixed strings), and mark
// them as Character again in the adapter's result.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
/** @type {Map<string, number[]>} */
const charColumnsBySql = new Map();
const handleRowDescription = pg.Query.prototype.handleRowDescription;
pg.Query.prototype.handleRowDescription = function (msg) {
  const charColumns = [];
  msg.fields.forEach((field, index) => {
    if (field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
      charColumns.push(index);
    }
  });
  if (charColumns.length) charColumnsBySql.set(this.text, charColumns);
  return handleRowDescription.call(this, msg);
};

/**
 * Wraps a queryable so results of catalog queries carry Character columns, and
 * so a migration script runs as one multi-statement query, as with the native
 * engine: the adapter's own executeScript splits on every ";", which breaks
 * function bodies and loses the script's atomicity.
 */
function withCharColumns(queryable) {
  return new Proxy(queryable, {
    get(target, prop) {
      if (prop === "executeScript" && typeof target.underlyingDriver === "function") {
        return async (/** @type {string} */ script) => {
          try {
            await target.underlyingDriver().query(script);
          } catch (error) {
            target.onError(error);
          }
        };
      }
      if (prop === "queryRaw") {
        return async (query) => {
          const result = await target.queryRaw(query);
          for (const index of charColumnsBySql.get(query.sql) ?? [])
            result.columnTypes[index] = ColumnTypeEnum.Character;
          return result;
        };
      }
      if (prop === "startTransaction")
        return async (...args) => withCharColumns(await target.startTransaction(...args));
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** @param {string} url @returns {pg.PoolConfig} */
function poolConfig(url) {
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(u.hostname) || u.searchParams.get("host") || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: databaseName(url),
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
  };
}

/**
 * A throwaway database for `migrate dev`'s replay of the history. The adapter's
 * own version drops the database while its pool is still connected, so the
 * drop fails; here the pool is closed first.
 * @param {string} url
 */
async function connectToShadowDb(url) {
  const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client(poolConfig(url));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  const shadow = await new PrismaPg({ ...poolConfig(url), database: name }).connect();
  return new Proxy(shadow, {
    get(target, prop) {
      if (prop === "dispose") {
        return async () => {
          await target.dispose();
          await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
          await admin.end();
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** @param {string} url */
function adapterFactory(url) {
  // Pass discrete fields, not a connection string: the adapter opens the shadow
  // database by overriding `database`, which a connection string would win over.
  const base = new PrismaPg(poolConfig(url));
  return bindMigrationAwareSqlAdapterFactory({
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => withCharColumns(await base.connect()),
    connectToShadowDb: async () => withCharColumns(await connectToShadowDb(url)),
  });
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ datamodels: string[], datasource?: { url?: string }, cli?: string, version: boolean }} */
  const args = { datamodels: [], version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--datamodels") args.datamodels.push(argv[++i]);
    else if (arg === "--datasource") args.datasource = JSON.parse(argv[++i]);
    else if (arg === "cli") args.cli = argv[++i];
    else if (arg === "--version" || arg === "-V") args.version = true;
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++;
  }
  return args;
}

/** Writes one log line in the shape the CLI parses from the native engine's stderr. */
function log(level, message, extra = {}) {
  process.stderr.write(
    JSON.stringify({
      timestamp: new Date().toISOString(),
      level,
      target: "schema_engine::logger",
      fields: { message, ...extra },
    }) + "\n",
  );
}

/** Maps a PostgreSQL connection failure to Prisma's error codes (P1001 unreachable, P1003 missing database). */
function connectorErrorCode(err) {
  const e = /** @type {any} */ (err);
  if (e?.code === "3D000") return "P1003";
  if (e?.code === "28P01" || e?.code === "28000") return "P1000";
  if (e?.code === "ECONNREFUSED" || e?.code === "ENOTFOUND" || e?.code === "ETIMEDOUT") return "P1001";
  return "P1001";
}

/** @param {string} url */
function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

/** @param {string} url */
async function canConnect(url) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => {});
  }
}

/** @param {string} url */
async function createDatabase(url) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName(url))}`);
  } finally {
    await client.end().catch(() => {});
  }
  return databaseName(url);
}

/** The one-shot commands the CLI runs before starting the engine proper. */
async function runCliCommand(command, url) {
  try {
    if (command === "can-connect-to-database") await canConnect(url);
    else if (command === "create-database")
      process.stdout.write(JSON.stringify({ database_name: await createDatabase(url) }) + "\n");
    else if (command === "drop-database") throw new Error("drop-database is not supported by this stand-in");
    else throw new Error(`unknown cli command ${command}`);
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log("ERROR", message, { error_code: connectorErrorCode(err) });
    return 1;
  }
}

/** Converts an engine or driver error into the JSON-RPC error shape the CLI expects. */
function toRpcError(err, errorRegistry) {
  const captured = errorRegistry?.lookupError?.(err)?.error ?? null;
  const e = /** @type {any} */ (captured ?? err);
  const message = e?.message ?? String(e);
  if (e && typeof e.code === "string" && /^P\d{4}$/.test(e.code)) {
    return {
      code: USER_FACING_ERROR,
      message,
      data: { is_panic: false, message, meta: e.meta ?? null, error_code: e.code },
    };
  }
  if (e?.name === "RuntimeError" || /unreachable|panicked/.test(message)) {
    const reason = panic.message || message;
    return {
      code: USER_FACING_ERROR,
      message: reason,
      data: { is_panic: true, message: reason, error: { message: reason } },
    };
  }
  return { code: USER_FACING_ERROR, message, data: { is_panic: false, message, meta: null } };
}

const METHODS = new Set([
  "applyMigrations",
  "createMigration",
  "dbExecute",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "diff",
  "ensureConnectionValidity",
  "evaluateDataLoss",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
  "version",
]);

async function serve(args) {
  const url = args.datasource?.url;
  if (!url) {
    log("ERROR", "The schema engine stand-in needs --datasource with a url (set DATABASE_URL).");
    return 1;
  }
  const factory = adapterFactory(url);
  const datamodels = args.datamodels.length
    ? args.datamodels.map((path) => [path, readFileSync(path, "utf8")])
    : undefined;
  const engine = await SchemaEngine.new(
    { datamodels },
    (/** @type {string} */ line) => process.stderr.write(line + "\n"),
    factory,
  );

  let nextOwnId = 1_000_000;
  const send = (msg) => process.stdout.write(JSON.stringify(msg) + "\n");
  const pending = [];

  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    const msg = JSON.parse(line);
    if (msg.method === undefined) return; // a reply to our own "print" request
    pending.push(handle(msg));
  });

  async function handle(msg) {
    let method = msg.method;
    if (method === "getDatabaseVersion") method = "version";
    try {
      let result;
      if (method === "createDatabase") {
        result = { databaseName: await createDatabase(msg.params?.datasource?.url ?? url) };
      } else if (method === "debugPanic") {
        throw Object.assign(new Error("This is the debugPanic artificial panic"), { name: "RuntimeError" });
      } else if (!METHODS.has(method)) {
        send({ jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: `Method not found: ${msg.method}` } });
        return;
      } else {
        // Call through the instance: a detached method loses its WebAssembly binding.
        result = await /** @type {any} */ (engine)[method](msg.params ?? undefined);
      }
      if (result && typeof result === "object" && typeof result.stdout === "string") {
        const { stdout, ...rest } = result;
        if (stdout)
          send({ jsonrpc: "2.0", id: nextOwnId++, method: "print", params: { content: stdout.replace(/\n$/, "") } });
        result = rest;
      }
      send({ jsonrpc: "2.0", id: msg.id, result: result ?? null });
    } catch (err) {
      send({ jsonrpc: "2.0", id: msg.id, error: toRpcError(err, factory.errorRegistry) });
    }
  }

  await new Promise((resolve) => rl.on("close", resolve));
  await Promise.allSettled(pending);
  engine.free();
  return 0;
}

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  process.stdout.write(`schema-engine-cli ${wasmVersion()} (wasm stand-in)\n`);
  process.exit(0);
}
if (args.cli) {
  process.exit(await runCliCommand(args.cli, args.datasource?.url ?? ""));
}
process.exit(await serve(args));
