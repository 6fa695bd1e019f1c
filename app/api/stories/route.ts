import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { parseStoryListParams, toStorySearch } from "@/lib/stories/list-params";
import { searchStories } from "@/lib/stories/search";
import { json } from "@/app/api/_lib/request";

/**
 * The story list as JSON, with the home page's parameters:
 * `?q=…&language=…&outlet=…&status=unannotated|in_progress|reviewed&page=…&pageSize=…`.
 */
export const GET = route({ permission: "story.read" }, async (req) => {
  return json(await searchStories(db, toStorySearch(parseStoryListParams(req.nextUrl.searchParams))));
});
