-- AlterTable
ALTER TABLE "Entity" ADD COLUMN     "nameFolded" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "EntityAlias" ADD COLUMN     "aliasFolded" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SuggestionRejection" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "storyId" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuggestionRejection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SuggestionRejection_userId_storyId_entityId_idx" ON "SuggestionRejection"("userId", "storyId", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionRejection_userId_entityId_articleId_revision_star_key" ON "SuggestionRejection"("userId", "entityId", "articleId", "revision", "start", "end");

-- CreateIndex
CREATE INDEX "Entity_nameFolded_trgm_idx" ON "Entity" USING GIN ("nameFolded" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "EntityAlias_aliasFolded_trgm_idx" ON "EntityAlias" USING GIN ("aliasFolded" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "SuggestionRejection" ADD CONSTRAINT "SuggestionRejection_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionRejection" ADD CONSTRAINT "SuggestionRejection_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionRejection" ADD CONSTRAINT "SuggestionRejection_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionRejection" ADD CONSTRAINT "SuggestionRejection_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Accent- and case-insensitive entity search. parallax_fold() is the search
-- key: apostrophes unified, compatibility forms and accents removed (NFKD,
-- then the combining marks that are optional in writing: Latin/Greek/Cyrillic
-- accents, Hebrew points, Arabic harakat and tatweel; never Indic vowel signs
-- or Japanese voicing marks, which change the letter), letters unaccent knows
-- (ø, ł, æ, ß…) spelled out, lowercase. lib/text/fold.ts mirrors it in
-- TypeScript. A SQL-standard body binds unaccent at creation, so the function
-- is safe in indexes whatever the search_path.
CREATE EXTENSION IF NOT EXISTS "unaccent";

CREATE FUNCTION "parallax_fold"(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN lower(unaccent('unaccent'::regdictionary, normalize(regexp_replace(
    normalize(translate(value, E'\u2019\u2018\u02BC', ''''''''), NFKD),
    '[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED]',
    '', 'g'), NFC)));

-- The folded columns are kept by triggers, so every writer (editor, import,
-- seed) gets them right without knowing about them.
CREATE FUNCTION "entity_fold_name"() RETURNS trigger AS $$
BEGIN
  NEW."nameFolded" := parallax_fold(NEW."name");
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Entity_fold_name"
  BEFORE INSERT OR UPDATE OF "name", "nameFolded" ON "Entity"
  FOR EACH ROW EXECUTE FUNCTION "entity_fold_name"();

CREATE FUNCTION "entity_alias_fold"() RETURNS trigger AS $$
BEGIN
  NEW."aliasFolded" := parallax_fold(NEW."alias");
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "EntityAlias_fold"
  BEFORE INSERT OR UPDATE OF "alias", "aliasFolded" ON "EntityAlias"
  FOR EACH ROW EXECUTE FUNCTION "entity_alias_fold"();

UPDATE "Entity" SET "nameFolded" = parallax_fold("name");
UPDATE "EntityAlias" SET "aliasFolded" = parallax_fold("alias");
