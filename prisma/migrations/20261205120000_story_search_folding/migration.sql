-- Story search folds accents and case like the entity search: the search
-- reads folded copies (parallax_fold, migration add_annotation_search) kept
-- by triggers, through trigram indexes that replace the ones on Article.

-- DropIndex
DROP INDEX "Article_text_trgm_idx";

-- DropIndex
DROP INDEX "Article_title_trgm_idx";

-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "titleFolded" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ArticleSearch" (
    "articleId" UUID NOT NULL,
    "titles" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "ArticleSearch_pkey" PRIMARY KEY ("articleId")
);

-- CreateIndex
CREATE INDEX "Story_titleFolded_trgm_idx" ON "Story" USING GIN ("titleFolded" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ArticleSearch_titles_trgm_idx" ON "ArticleSearch" USING GIN ("titles" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ArticleSearch_text_trgm_idx" ON "ArticleSearch" USING GIN ("text" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "ArticleSearch" ADD CONSTRAINT "ArticleSearch_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Story.titleFolded, like Entity.nameFolded.
CREATE FUNCTION "story_fold_title"() RETURNS trigger AS $$
BEGIN
  NEW."titleFolded" := parallax_fold(NEW."title");
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Story_fold_title"
  BEFORE INSERT OR UPDATE OF "title", "titleFolded" ON "Story"
  FOR EACH ROW EXECUTE FUNCTION "story_fold_title"();

-- ArticleSearch rows follow their article. Statement-level triggers with
-- transition tables, so a bulk import writes its search rows in one
-- statement; an update folds the text again only when the text changed.
CREATE FUNCTION "article_search_insert"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "ArticleSearch" ("articleId", "titles", "text")
  SELECT n."id", st."titleFolded" || E'\n' || coalesce(parallax_fold(n."title"), ''), parallax_fold(n."text")
  FROM new_rows n JOIN "Story" st ON st."id" = n."storyId";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Article_search_insert"
  AFTER INSERT ON "Article" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "article_search_insert"();

CREATE FUNCTION "article_search_update"() RETURNS trigger AS $$
BEGIN
  UPDATE "ArticleSearch" s
  SET "titles" = st."titleFolded" || E'\n' || coalesce(parallax_fold(n."title"), ''),
      "text" = CASE WHEN n."text" = o."text" THEN s."text" ELSE parallax_fold(n."text") END
  FROM new_rows n
  JOIN old_rows o ON o."id" = n."id"
  JOIN "Story" st ON st."id" = n."storyId"
  WHERE s."articleId" = n."id"
    AND (n."text" IS DISTINCT FROM o."text" OR n."title" IS DISTINCT FROM o."title" OR n."storyId" <> o."storyId");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Article_search_update"
  AFTER UPDATE ON "Article" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "article_search_update"();

-- A story's new title reaches its articles' search rows.
CREATE FUNCTION "story_search_title"() RETURNS trigger AS $$
BEGIN
  UPDATE "ArticleSearch" s
  SET "titles" = NEW."titleFolded" || E'\n' || coalesce(parallax_fold(a."title"), '')
  FROM "Article" a
  WHERE a."storyId" = NEW."id" AND s."articleId" = a."id";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Story_search_title"
  AFTER UPDATE OF "title" ON "Story"
  FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title")
  EXECUTE FUNCTION "story_search_title"();

UPDATE "Story" SET "titleFolded" = parallax_fold("title");
INSERT INTO "ArticleSearch" ("articleId", "titles", "text")
SELECT a."id", st."titleFolded" || E'\n' || coalesce(parallax_fold(a."title"), ''), parallax_fold(a."text")
FROM "Article" a JOIN "Story" st ON st."id" = a."storyId";
