/**
 * Two annotators on one story, the start of the independent-annotation,
 * agreement and curation tests: the demo newsroom (for its labels), an
 * admin, two editors — Ann and Bo — and a new story in the given versions.
 * Spans are made and versions assigned through the API, as in the app.
 *
 *   const team = await twoAnnotators(db, [{ language: "sv", text: SV }]);
 *   expect((await team.assignIndependently(["sv"])).status).toBe(201);
 *   await team.createSpan(team.ann, team.articles[0]!, "Kiel");
 */
import { randomUUID } from "node:crypto";
import * as mutationsRoute from "@/app/api/articles/[id]/spans/mutations/route";
import * as storyAssignmentsRoute from "@/app/api/stories/[id]/assignments/route";
import type { SpanDTO } from "@/lib/annotation/dto";
import type { MutationResult } from "@/lib/annotation/spans";
import type { AssignmentDTO } from "@/lib/assignments/assignments";
import type { Db } from "@/lib/db";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { call, createStory, offsetsOf, signedIn, type Caller, type CallResult } from "./api";

export interface Version {
  id: string;
  text: string;
}

export interface TwoAnnotators {
  admin: Caller;
  ann: Caller;
  bo: Caller;
  story: { id: string; key: string };
  /** The story's versions, in the order given. */
  articles: Version[];
  /** The id of the first entity label (PERSON in the demo taxonomy), the label of createSpan's spans. */
  person: string;
  /** `as` marks `quote` (its first occurrence from `from` on) as a `person` entity span. */
  createSpan(as: Caller, article: Version, quote: string, from?: number): Promise<SpanDTO>;
  /** The admin assigns the versions in `languages` to Ann and Bo, to annotate independently. */
  assignIndependently(
    languages: string[],
    options?: { dueAt?: string },
  ): Promise<CallResult<{ assignments: AssignmentDTO[] }>>;
}

export async function twoAnnotators(db: Db, versions: { language: string; text: string }[]): Promise<TwoAnnotators> {
  await seedDemoNewsroom(db);
  const person = (await db.label.findFirstOrThrow({ where: { kind: "ENTITY" }, orderBy: { order: "asc" } })).id;
  const { story, articles } = await createStory(db, versions);
  const admin = await signedIn(db, "ADMIN");
  const ann = await signedIn(db, "EDITOR");
  const bo = await signedIn(db, "EDITOR");
  return {
    admin,
    ann,
    bo,
    story,
    articles,
    person,
    async createSpan(as, article, quote, from = 0) {
      const res = await call<{ results: MutationResult[] }>(mutationsRoute.POST, {
        as,
        params: { id: article.id },
        body: {
          mutations: [
            {
              type: "create",
              mutationId: randomUUID(),
              span: {
                id: randomUUID(),
                articleId: article.id,
                ...offsetsOf(article.text, quote, from),
                kind: "ENTITY",
                labelId: person,
              },
            },
          ],
        },
      });
      const [result] = res.body.results;
      if (!result?.ok) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
      return result.span;
    },
    assignIndependently: (languages, { dueAt } = {}) =>
      call<{ assignments: AssignmentDTO[] }>(storyAssignmentsRoute.POST, {
        as: admin,
        params: { id: story.id },
        body: { languages, userIds: [ann.id, bo.id], mode: "INDEPENDENT", ...(dueAt && { dueAt }) },
      }),
  };
}
