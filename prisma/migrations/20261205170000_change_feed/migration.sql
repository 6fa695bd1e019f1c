-- The change feed: one row for every committed change to what a story
-- shows, written by triggers in the writer's own transaction (so a rolled-back
-- write leaves nothing), announced with NOTIFY on channel parallax_changes.
-- "id" is the feed's cursor; "xid" is the writing transaction, which readers
-- use to tell a rolled-back id from one still in flight (lib/live/horizon.ts).

-- CreateTable
CREATE TABLE "ChangeLog" (
    "id" BIGSERIAL NOT NULL,
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storyId" UUID NOT NULL,
    "articleId" UUID,
    "kind" TEXT NOT NULL,
    "subjectId" UUID NOT NULL,
    "actorId" UUID,
    "version" INTEGER,

    CONSTRAINT "ChangeLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeLog_storyId_id_idx" ON "ChangeLog"("storyId", "id");

-- CreateIndex
CREATE INDEX "ChangeLog_at_idx" ON "ChangeLog"("at");

-- Announces appended rows: the highest id and (up to 40) story ids, far
-- below NOTIFY's 8000-byte limit. Delivered at commit, never on rollback.
CREATE FUNCTION "change_log_announce"(last_id bigint, stories uuid[]) RETURNS void AS $$
BEGIN
  IF last_id IS NULL THEN
    RETURN;
  END IF;
  PERFORM pg_notify('parallax_changes', json_build_object(
    'cursor', last_id,
    'stories', (SELECT coalesce(json_agg(s), '[]'::json) FROM unnest(stories[1:40]) s)
  )::text);
END;
$$ LANGUAGE plpgsql;

-- Spans. Statement-level triggers with transition tables, so a bulk write
-- (an import, a relabel, a revision's re-anchoring) logs in one statement.
CREATE FUNCTION "change_log_span_insert"() RETURNS trigger AS $$
DECLARE last_id bigint; stories uuid[];
BEGIN
  WITH ins AS (
    INSERT INTO "ChangeLog" ("storyId", "articleId", "kind", "subjectId", "actorId", "version")
    SELECT a."storyId", n."articleId", 'span.created', n."id", n."updatedById", n."version"
    FROM new_rows n JOIN "Article" a ON a."id" = n."articleId"
    ORDER BY n."articleId", n."start", n."id"
    RETURNING "id", "storyId"
  )
  SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  PERFORM change_log_announce(last_id, stories);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Span_change_log_insert"
  AFTER INSERT ON "Span" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_span_insert"();

CREATE FUNCTION "change_log_span_update"() RETURNS trigger AS $$
DECLARE last_id bigint; stories uuid[];
BEGIN
  WITH ins AS (
    INSERT INTO "ChangeLog" ("storyId", "articleId", "kind", "subjectId", "actorId", "version")
    SELECT a."storyId", n."articleId",
      CASE
        WHEN o."deletedAt" IS NULL AND n."deletedAt" IS NOT NULL THEN 'span.deleted'
        WHEN o."deletedAt" IS NOT NULL AND n."deletedAt" IS NULL THEN 'span.restored'
        ELSE 'span.updated'
      END,
      n."id", n."updatedById", n."version"
    FROM new_rows n
    JOIN old_rows o ON o."id" = n."id"
    JOIN "Article" a ON a."id" = n."articleId"
    WHERE ROW(n.*) IS DISTINCT FROM ROW(o.*)
    ORDER BY n."articleId", n."start", n."id"
    RETURNING "id", "storyId"
  )
  SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  PERFORM change_log_announce(last_id, stories);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Span_change_log_update"
  AFTER UPDATE ON "Span" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_span_update"();

-- A span removed for good (its article deleted) is gone from the story;
-- when the article itself is gone too, "article.deleted" says so instead.
CREATE FUNCTION "change_log_span_delete"() RETURNS trigger AS $$
DECLARE last_id bigint; stories uuid[];
BEGIN
  WITH ins AS (
    INSERT INTO "ChangeLog" ("storyId", "articleId", "kind", "subjectId", "actorId", "version")
    SELECT a."storyId", o."articleId", 'span.deleted', o."id", NULL, o."version"
    FROM old_rows o JOIN "Article" a ON a."id" = o."articleId"
    WHERE o."deletedAt" IS NULL
    ORDER BY o."articleId", o."start", o."id"
    RETURNING "id", "storyId"
  )
  SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  PERFORM change_log_announce(last_id, stories);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Span_change_log_delete"
  AFTER DELETE ON "Span" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_span_delete"();

-- Entities are shared by stories: a change is logged for every story with a
-- live span linked to the entity. (A new entity shows in a story through the
-- span linked to it; a deleted or merged one through its spans' relinking.)
CREATE FUNCTION "change_log_entity_update"() RETURNS trigger AS $$
DECLARE last_id bigint; stories uuid[];
BEGIN
  WITH changed AS (
    SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE (n."name", n."labelId", n."wikidataQid", n."description", n."key")
      IS DISTINCT FROM (o."name", o."labelId", o."wikidataQid", o."description", o."key")
  ), ins AS (
    INSERT INTO "ChangeLog" ("storyId", "kind", "subjectId")
    SELECT DISTINCT a."storyId", 'entity.updated', c."id"
    FROM changed c
    JOIN "Span" s ON s."entityId" = c."id" AND s."deletedAt" IS NULL
    JOIN "Article" a ON a."id" = s."articleId"
    RETURNING "id", "storyId"
  )
  SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  PERFORM change_log_announce(last_id, stories);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Entity_change_log_update"
  AFTER UPDATE ON "Entity" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_entity_update"();

-- An alias added or removed changes the entity as the sidebar shows it.
CREATE FUNCTION "change_log_alias_change"() RETURNS trigger AS $$
DECLARE last_id bigint; stories uuid[];
BEGIN
  WITH ins AS (
    INSERT INTO "ChangeLog" ("storyId", "kind", "subjectId")
    SELECT DISTINCT a."storyId", 'entity.updated', s."entityId"
    FROM changed_rows c
    JOIN "Span" s ON s."entityId" = c."entityId" AND s."deletedAt" IS NULL
    JOIN "Article" a ON a."id" = s."articleId"
    RETURNING "id", "storyId"
  )
  SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  PERFORM change_log_announce(last_id, stories);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "EntityAlias_change_log_insert"
  AFTER INSERT ON "EntityAlias" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_alias_change"();

CREATE TRIGGER "EntityAlias_change_log_delete"
  AFTER DELETE ON "EntityAlias" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_alias_change"();

-- Claims: logged for the story they are attached to and every story with a
-- live span stating them.
CREATE FUNCTION "change_log_claim_write"() RETURNS trigger AS $$
DECLARE last_id bigint; stories uuid[]; what text;
BEGIN
  what := CASE TG_OP WHEN 'INSERT' THEN 'claim.created' WHEN 'UPDATE' THEN 'claim.updated' ELSE 'claim.deleted' END;
  WITH targets AS (
    SELECT c."id", c."storyId" FROM changed_rows c WHERE c."storyId" IS NOT NULL
    UNION
    SELECT c."id", a."storyId" FROM changed_rows c
    JOIN "Span" s ON s."claimId" = c."id" AND s."deletedAt" IS NULL
    JOIN "Article" a ON a."id" = s."articleId"
  ), ins AS (
    INSERT INTO "ChangeLog" ("storyId", "kind", "subjectId")
    SELECT t."storyId", what, t."id" FROM targets t ORDER BY t."storyId", t."id"
    RETURNING "id", "storyId"
  )
  SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  PERFORM change_log_announce(last_id, stories);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Claim_change_log_insert"
  AFTER INSERT ON "Claim" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_claim_write"();

CREATE TRIGGER "Claim_change_log_update"
  AFTER UPDATE ON "Claim" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_claim_write"();

CREATE TRIGGER "Claim_change_log_delete"
  AFTER DELETE ON "Claim" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_claim_write"();

-- Paragraph alignments corrected by an editor.
CREATE FUNCTION "change_log_alignment_write"() RETURNS trigger AS $$
DECLARE last_id bigint; stories uuid[];
BEGIN
  WITH ins AS (
    INSERT INTO "ChangeLog" ("storyId", "articleId", "kind", "subjectId", "actorId")
    SELECT n."storyId", n."articleAId", 'alignment.corrected', n."id", n."updatedById"
    FROM new_rows n
    RETURNING "id", "storyId"
  )
  SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  PERFORM change_log_announce(last_id, stories);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ParagraphAlignment_change_log_insert"
  AFTER INSERT ON "ParagraphAlignment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_alignment_write"();

CREATE TRIGGER "ParagraphAlignment_change_log_update"
  AFTER UPDATE ON "ParagraphAlignment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_alignment_write"();

-- Articles: added to a story, revised (text or title), deleted.
CREATE FUNCTION "change_log_article_write"() RETURNS trigger AS $$
DECLARE last_id bigint; stories uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH ins AS (
      INSERT INTO "ChangeLog" ("storyId", "articleId", "kind", "subjectId", "version")
      SELECT n."storyId", n."id", 'article.added', n."id", n."revision" FROM new_rows n
      RETURNING "id", "storyId"
    )
    SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  ELSIF TG_OP = 'UPDATE' THEN
    WITH ins AS (
      INSERT INTO "ChangeLog" ("storyId", "articleId", "kind", "subjectId", "version")
      SELECT n."storyId", n."id", 'article.revised', n."id", n."revision"
      FROM new_rows n JOIN old_rows o ON o."id" = n."id"
      WHERE n."revision" <> o."revision" OR n."title" IS DISTINCT FROM o."title"
      RETURNING "id", "storyId"
    )
    SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  ELSE
    WITH ins AS (
      INSERT INTO "ChangeLog" ("storyId", "articleId", "kind", "subjectId", "version")
      SELECT o."storyId", o."id", 'article.deleted', o."id", o."revision" FROM old_rows o
      RETURNING "id", "storyId"
    )
    SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  END IF;
  PERFORM change_log_announce(last_id, stories);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Article_change_log_insert"
  AFTER INSERT ON "Article" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_article_write"();

CREATE TRIGGER "Article_change_log_update"
  AFTER UPDATE ON "Article" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_article_write"();

CREATE TRIGGER "Article_change_log_delete"
  AFTER DELETE ON "Article" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_article_write"();
