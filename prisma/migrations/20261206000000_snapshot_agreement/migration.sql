-- A dataset snapshot may carry the agreement report over its articles: a
-- second read-only file beside the export, with its own SHA-256.
ALTER TABLE "DatasetSnapshot" ADD COLUMN "agreementFilePath" TEXT;
ALTER TABLE "DatasetSnapshot" ADD COLUMN "agreementSha256" TEXT;
ALTER TABLE "DatasetSnapshot" ADD COLUMN "agreementByteSize" BIGINT;
