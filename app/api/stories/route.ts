import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { parseStoryListParams, toStorySearch } from "@/lib/stories/list-params";
import { searchStories } from "@/lib/stories/search";
import { json } from "@/app/api/_lib/request";

/**
 * The story list as JSON, with the home page's parameters:
 * `?q=…&language=…&outlet=…&status=unannotated|in_progress|reviewed&assignment=unassigned|todo|in_progress|done&assignee=me&page=…&pageSize=…`.
 */
export const GET = route({ permission: "story.read" }, async (req, { user }) => {
  const params = parseStoryListParams(req.nextUrl.searchParams);
  return json(await searchStories(db, toStorySearch(params, user!.id), user));
});
