import type { SnapshotView } from "@/lib/export";

/** A snapshot as the API shows it: no server paths, links to its file. */
export function snapshotJson(snapshot: SnapshotView) {
  const { filePath: _stored, createdBy, agreement, ...rest } = snapshot;
  return {
    ...rest,
    createdBy: createdBy && { id: createdBy.id, name: createdBy.name },
    file: `/api/datasets/${snapshot.id}/file`,
    agreement: agreement && {
      sha256: agreement.sha256,
      byteSize: agreement.byteSize,
      fileName: agreement.fileName,
      file: `/api/datasets/${snapshot.id}/agreement`,
    },
  };
}
