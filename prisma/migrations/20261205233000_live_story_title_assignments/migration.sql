-- A story renamed is a change of what the story shows: logged (kind
-- story.renamed) and announced like every other change, so open readers
-- get the new title live.
CREATE FUNCTION "change_log_story_update"() RETURNS trigger AS $$
DECLARE last_id bigint; stories uuid[];
BEGIN
  WITH ins AS (
    INSERT INTO "ChangeLog" ("storyId", "kind", "subjectId")
    SELECT n."id", 'story.renamed', n."id"
    FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE n."title" IS DISTINCT FROM o."title"
    RETURNING "id", "storyId"
  )
  SELECT max("id"), array_agg(DISTINCT "storyId") INTO last_id, stories FROM ins;
  PERFORM change_log_announce(last_id, stories);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Story_change_log_update"
  AFTER UPDATE ON "Story" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "change_log_story_update"();

-- An assignment changes who sees which layer of an article. Every app
-- process keeps the articles' layer rights in memory for its live streams
-- (lib/live/visibility.ts); this tells them to read an article's again.
-- NOTIFY folds identical payloads within a transaction: one per article.
CREATE FUNCTION "assignment_announce"() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('parallax_assignments', OLD."articleId"::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('parallax_assignments', NEW."articleId"::text);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Assignment_announce"
  AFTER INSERT OR UPDATE OR DELETE ON "Assignment"
  FOR EACH ROW EXECUTE FUNCTION "assignment_announce"();
