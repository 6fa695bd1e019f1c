-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "runner" TEXT;
