import { describe, expect, it } from "vitest";
import { ownAssignment, ownExportJob, ownImportJob } from "./objects";

describe("ownExportJob", () => {
  const job = { id: "j1", createdById: "u1" };

  it("gives a job to its creator and to administrators", () => {
    expect(ownExportJob(job, { id: "u1", role: "VIEWER" })).toBe(job);
    expect(ownExportJob(job, { id: "u2", role: "ADMIN" })).toBe(job);
  });

  it("makes someone else's job not exist, an ownerless one included", () => {
    expect(() => ownExportJob(job, { id: "u2", role: "EDITOR" })).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => ownExportJob({ createdById: null }, { id: "u2", role: "EDITOR" })).toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });
});

describe("ownImportJob", () => {
  it("is its creator's and administrators'; to anyone else it does not exist", () => {
    const job = { id: "j2", createdById: "u1" };
    expect(ownImportJob(job, { id: "u1", role: "EDITOR" })).toBe(job);
    expect(ownImportJob(job, { id: "u9", role: "ADMIN" })).toBe(job);
    expect(() => ownImportJob(job, { id: "u2", role: "EDITOR" })).toThrow(
      expect.objectContaining({ status: 404, message: expect.stringContaining("import job") }),
    );
  });
});

describe("ownAssignment", () => {
  const assignment = { id: "a1", userId: "u1", status: "TODO" };

  it("is its annotator's, and every assignment is theirs who may manage assignments", () => {
    expect(ownAssignment(assignment, { id: "u1", canManage: false })).toBe(assignment);
    expect(ownAssignment(assignment, { id: "u2", canManage: true })).toBe(assignment);
  });

  it("does not exist for another annotator, nor when there is no such row", () => {
    expect(() => ownAssignment(assignment, { id: "u2", canManage: false })).toThrow(
      expect.objectContaining({ status: 404, message: expect.stringContaining("assignment") }),
    );
    expect(() => ownAssignment(null, { id: "u2", canManage: true })).toThrow(expect.objectContaining({ status: 404 }));
  });
});
