-- An imported span keeps who made and last changed it when that person has
-- no account in this newsroom: their e-mail, as the file gave it.
ALTER TABLE "Span" ADD COLUMN "createdByEmail" TEXT;
ALTER TABLE "Span" ADD COLUMN "updatedByEmail" TEXT;
