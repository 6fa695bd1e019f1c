/**
 * Dataset snapshots: an export frozen under a name, to be downloaded again
 * byte for byte and cited. The file is written once (never replaced), kept
 * read-only under the data folder, and recorded with its filter, counts,
 * size and SHA-256; reading it back verifies the hash. Asked to, it freezes
 * the agreement report over its articles beside it (lib/agreement/snapshot.ts),
 * a second file kept, hashed and verified the same way.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { snapshotAgreementFile } from "../agreement/snapshot";
import { audit } from "../audit/log";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { SnapshotNameTakenError } from "./errors";
import { prepareExport, type ExportOptions, type ExportResult } from "./export";
import type { ExportFilter } from "./filter";
import { formatSpec, type ExportFormat } from "./formats";
import type { ExportCounts } from "./selection";
import { datasetsDir, hashFile, resolveDataPath, slugify, verifiedReadStream, writeNewFile } from "./storage";

export const snapshotInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "a snapshot needs a name")
    .max(200, "at most 200 characters")
    .refine((v) => !/\p{Cc}/u.test(v), "no control characters"),
  description: z.string().trim().max(5000, "at most 5000 characters").nullish(),
  format: z.string(),
  filter: z.unknown().optional(),
  /** Freeze the agreement report over the snapshot's articles beside it. */
  agreement: z.boolean().optional(),
});

export type SnapshotInput = z.input<typeof snapshotInputSchema>;

/** Who does it; null for system work (e.g. the command line without --actor). */
export type Actor = { id: string; email: string } | null;

export interface SnapshotView {
  id: string;
  name: string;
  description: string | null;
  format: ExportFormat;
  filter: ExportFilter;
  counts: ExportCounts;
  sha256: string;
  byteSize: number;
  /** Relative to the data folder. */
  filePath: string;
  /** A download name. */
  fileName: string;
  mediaType: string;
  createdAt: Date;
  createdBy: { id: string; email: string; name: string } | null;
  /** How to cite it. */
  citation: string;
  /** When an administrator retired it (no longer listed; kept on disk), or null. */
  retiredAt: Date | null;
  /** The agreement report frozen with it, or null. */
  agreement: { sha256: string; byteSize: number; filePath: string; fileName: string } | null;
}

export interface SnapshotOptions extends ExportOptions {
  /** Default: datasetsDir() (PARALLAX_DATA_DIR). */
  dataDir?: string;
}

type SnapshotRow = Prisma.DatasetSnapshotGetPayload<{ include: { createdBy: true } }>;

function view(row: SnapshotRow): SnapshotView {
  const spec = formatSpec(row.format);
  const day = row.createdAt.toISOString().slice(0, 10);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    format: row.format as ExportFormat,
    filter: row.filter as ExportFilter,
    counts: row.counts as unknown as ExportCounts,
    sha256: row.sha256,
    byteSize: Number(row.byteSize),
    filePath: row.filePath,
    fileName: `${slugify(row.name, `dataset-${row.id.slice(0, 8)}`)}.${spec.extension}`,
    mediaType: spec.mediaType,
    createdAt: row.createdAt,
    createdBy: row.createdBy ? { id: row.createdBy.id, email: row.createdBy.email, name: row.createdBy.name } : null,
    citation: `${row.name} [dataset, ${spec.title}], Parallax, ${day}. SHA-256 ${row.sha256}.`,
    retiredAt: row.retiredAt,
    agreement:
      row.agreementFilePath && row.agreementSha256 && row.agreementByteSize !== null
        ? {
            sha256: row.agreementSha256,
            byteSize: Number(row.agreementByteSize),
            filePath: row.agreementFilePath,
            fileName: `${slugify(row.name, `dataset-${row.id.slice(0, 8)}`)}.agreement.json`,
          }
        : null,
  };
}

export function parseSnapshotInput(input: unknown): z.output<typeof snapshotInputSchema> {
  const parsed = snapshotInputSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "snapshot"}: ${i.message}`);
    throw new AppError("INVALID_SNAPSHOT", `Invalid snapshot: ${problems.join("; ")}`, 400, { problems });
  }
  return parsed.data;
}

/** Throws SnapshotNameTakenError when the name is in use. */
export async function assertSnapshotNameFree(db: Db, name: string): Promise<void> {
  if (await db.datasetSnapshot.findUnique({ where: { name }, select: { id: true } })) {
    throw new SnapshotNameTakenError(name);
  }
}

/**
 * Exports and freezes a dataset. Refuses a name in use (SnapshotNameTakenError,
 * checked first and again, atomically, when the row is stored).
 */
export async function createSnapshot(
  db: Db,
  input: SnapshotInput,
  actor: Actor,
  options: SnapshotOptions = {},
): Promise<SnapshotView> {
  const { name, description, format, filter, agreement } = parseSnapshotInput(input);
  await assertSnapshotNameFree(db, name);
  const plan = await prepareExport(db, { format, filter }, options);
  const id = randomUUID();
  const filePath = `snapshots/${id}.${plan.spec.extension}`;
  const dataDir = options.dataDir ?? datasetsDir();
  const full = resolveDataPath(dataDir, filePath);
  const agreementPath = agreement ? `snapshots/${id}.agreement.json` : null;
  const agreementFull = agreementPath && resolveDataPath(dataDir, agreementPath);
  // The report first: refused (nothing annotated independently), nothing is written.
  const agreementBytes = agreement ? await snapshotAgreementFile(db, { id, name }, plan.filter, actor) : null;
  const result: ExportResult = await writeNewFile(full, (out) => plan.writeTo(out));
  try {
    const agreementFile = agreementFull && agreementBytes ? await writeBytes(agreementFull, agreementBytes) : null;
    const row = await db.datasetSnapshot.create({
      data: {
        id,
        name,
        description: description || null,
        format,
        filter: plan.filter as Prisma.InputJsonValue,
        counts: result.counts as unknown as Prisma.InputJsonValue,
        sha256: result.sha256,
        byteSize: BigInt(result.bytes),
        filePath,
        createdById: actor?.id ?? null,
        ...(agreementFile && {
          agreementFilePath: agreementPath,
          agreementSha256: agreementFile.sha256,
          agreementByteSize: BigInt(agreementFile.bytes),
        }),
      },
      include: { createdBy: true },
    });
    await audit(db, {
      action: "dataset.snapshot.create",
      actor,
      target: { type: "DatasetSnapshot", id },
      after: {
        name,
        format,
        filter: plan.filter,
        sha256: result.sha256,
        bytes: result.bytes,
        ...(agreementFile && { agreementSha256: agreementFile.sha256 }),
      } as Prisma.InputJsonValue,
    });
    return view(row);
  } catch (error) {
    await fs.rm(full, { force: true });
    if (agreementFull) await fs.rm(agreementFull, { force: true });
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new SnapshotNameTakenError(name);
    }
    throw error;
  }
}

/** Writes a small file once (read-only, never over another) and returns its hash. */
async function writeBytes(file: string, bytes: Buffer): Promise<{ sha256: string; bytes: number }> {
  await writeNewFile(file, (out) => pipeline(Readable.from([bytes]), out));
  return { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
}

export type SnapshotRef = { id: string } | { name: string };

async function find(db: Db, ref: SnapshotRef): Promise<SnapshotRow> {
  const where = "id" in ref ? { id: ref.id } : { name: ref.name };
  if ("id" in ref && !/^[0-9a-f-]{36}$/i.test(ref.id)) throw notFound("The dataset snapshot");
  const row = await db.datasetSnapshot.findUnique({ where, include: { createdBy: true } });
  if (!row) throw notFound("The dataset snapshot");
  return row;
}

export async function getSnapshot(db: Db, ref: SnapshotRef): Promise<SnapshotView> {
  return view(await find(db, ref));
}

/** Snapshots not retired, newest first. */
export async function listSnapshots(db: Db, { take = 100 }: { take?: number } = {}): Promise<SnapshotView[]> {
  const rows = await db.datasetSnapshot.findMany({
    where: { retiredAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
    include: { createdBy: true },
  });
  return rows.map(view);
}

/**
 * Retires a snapshot: it leaves the lists, while its row and file stay (a
 * cited link still downloads and verifies it), marked with the time; the
 * audit log records who did it. Retiring twice changes nothing.
 */
export async function retireSnapshot(db: Db, ref: SnapshotRef, actor: Actor): Promise<SnapshotView> {
  const row = await find(db, ref);
  if (row.retiredAt) return view(row);
  return db.$transaction(async (tx) => {
    const updated = await tx.datasetSnapshot.update({
      where: { id: row.id },
      data: { retiredAt: new Date(), retiredById: actor?.id ?? null },
      include: { createdBy: true },
    });
    await audit(tx, {
      action: "dataset.retired",
      actor,
      target: { type: "DatasetSnapshot", id: row.id },
      before: { name: row.name, retired: false },
      after: { name: row.name, retired: true },
    });
    return view(updated);
  });
}

/**
 * A snapshot's file for download: `stream()` yields its bytes and fails at the
 * end instead of finishing if they no longer match the recorded SHA-256.
 */
export async function openSnapshot(
  db: Db,
  ref: SnapshotRef,
  { dataDir = datasetsDir(), part = "data" }: { dataDir?: string; part?: SnapshotPart } = {},
): Promise<{ snapshot: SnapshotView; path: string; fileName: string; mediaType: string; stream(): Readable }> {
  const snapshot = view(await find(db, ref));
  const stored = partOf(snapshot, part);
  const file = resolveDataPath(dataDir, stored.filePath);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) throw new AppError("SNAPSHOT_FILE_MISSING", `The file of snapshot "${snapshot.name}" is missing.`, 404);
  return {
    snapshot,
    path: file,
    fileName: stored.fileName,
    mediaType: stored.mediaType,
    stream: () => verifiedReadStream(file, { sha256: stored.sha256, bytes: stored.byteSize }),
  };
}

/** A snapshot's files: the dataset itself, or the agreement report frozen with it. */
export type SnapshotPart = "data" | "agreement";

function partOf(snapshot: SnapshotView, part: SnapshotPart) {
  if (part === "data") return snapshot;
  if (!snapshot.agreement) {
    throw new AppError("NOT_FOUND", `Snapshot "${snapshot.name}" was frozen without an agreement report.`, 404);
  }
  return { ...snapshot.agreement, mediaType: "application/json; charset=utf-8" };
}

export interface FileCheck {
  ok: boolean;
  expected: string;
  actual: string | null;
  bytes: number | null;
}

/**
 * Re-hashes a snapshot's file and compares it with the record; `ok` only when
 * the agreement report frozen with it (if any) matches too. `file` and
 * `agreement` tell the two apart.
 */
export async function verifySnapshot(
  db: Db,
  ref: SnapshotRef,
  { dataDir = datasetsDir() }: { dataDir?: string } = {},
): Promise<FileCheck & { file: FileCheck; agreement: FileCheck | null }> {
  const snapshot = view(await find(db, ref));
  const check = async (stored: { filePath: string; sha256: string; byteSize: number }): Promise<FileCheck> => {
    const actual = await hashFile(resolveDataPath(dataDir, stored.filePath)).catch(() => null);
    return {
      ok: actual?.sha256 === stored.sha256 && actual.bytes === stored.byteSize,
      expected: stored.sha256,
      actual: actual?.sha256 ?? null,
      bytes: actual?.bytes ?? null,
    };
  };
  const data = await check(snapshot);
  const agreement = snapshot.agreement && (await check(snapshot.agreement));
  return { ...data, ok: data.ok && (agreement?.ok ?? true), file: data, agreement };
}
