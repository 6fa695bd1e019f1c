-- Annotation layers and assignments. Every existing span stays in the shared
-- working layer (the column default), so nothing changes for anyone until an
-- independent assignment is made. Adding a column with a constant default
-- rewrites no rows.

-- CreateEnum
CREATE TYPE "SpanLayer" AS ENUM ('SHARED', 'ANNOTATOR', 'CURATED');

-- CreateEnum
CREATE TYPE "AssignmentMode" AS ENUM ('COLLABORATIVE', 'INDEPENDENT');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('TODO', 'IN_PROGRESS', 'DONE');

-- AlterTable
ALTER TABLE "Span" ADD COLUMN "layer" "SpanLayer" NOT NULL DEFAULT 'SHARED',
ADD COLUMN "layerOwnerId" UUID,
ADD COLUMN "proposedById" UUID,
ADD COLUMN "acceptedById" UUID,
ADD COLUMN "sourceSpanId" UUID;

-- An annotator's layer names its owner; the other layers name none.
ALTER TABLE "Span" ADD CONSTRAINT "Span_layer_owner_check"
  CHECK (("layer" = 'ANNOTATOR') = ("layerOwnerId" IS NOT NULL));

-- CreateTable
CREATE TABLE "Assignment" (
    "id" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "mode" "AssignmentMode" NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'TODO',
    "dueAt" DATE,
    "assignedById" UUID,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Span_articleId_layer_layerOwnerId_idx" ON "Span"("articleId", "layer", "layerOwnerId");

-- CreateIndex
CREATE INDEX "Assignment_userId_status_idx" ON "Assignment"("userId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_articleId_userId_key" ON "Assignment"("articleId", "userId");

-- AddForeignKey
ALTER TABLE "Span" ADD CONSTRAINT "Span_layerOwnerId_fkey" FOREIGN KEY ("layerOwnerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Span" ADD CONSTRAINT "Span_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Span" ADD CONSTRAINT "Span_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
