-- Entities and claims are edited with optimistic versioning, as spans are:
-- an edit names the version it was made against (PATCH baseVersion).
ALTER TABLE "Entity" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Claim" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
