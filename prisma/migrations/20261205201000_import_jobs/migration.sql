-- Imports run as jobs: the state after the last committed batch, where a retried try goes on from.
ALTER TABLE "Job" ADD COLUMN "checkpoint" JSONB;

-- The import page's history: a user's jobs of one kind, newest first.
CREATE INDEX "Job_kind_createdById_createdAt_idx" ON "Job"("kind", "createdById", "createdAt");
