-- Dataset snapshots can be retired: kept (row and file) but no longer listed.
ALTER TABLE "DatasetSnapshot" ADD COLUMN "retiredAt" TIMESTAMP(3);
ALTER TABLE "DatasetSnapshot" ADD COLUMN "retiredById" UUID;
