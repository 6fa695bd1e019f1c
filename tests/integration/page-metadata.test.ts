/**
 * A page's metadata (the document <title>) goes through the page's own
 * authorization: a visitor who may not read a story or claim learns neither
 * its title nor whether its key exists.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { generateMetadata as storyMetadata } from "@/app/(app)/stories/[key]/page";
import { generateMetadata as claimMetadata } from "@/app/(app)/claims/[key]/page";
import { withRequestHeaders } from "@/lib/auth/current-user";
import { testDb } from "./db";
import { createStory, signedIn } from "./support/api";
import { createUser, headersOf, sessionCookie } from "./support/users";

const db = testDb();
const SECRET_TITLE = `Embargoed: the harbour sale ${randomUUID()}`;
const SECRET_CLAIM = `The harbour was sold for one krona ${randomUUID()}`;

let storyKey: string;
let claimKey: string;
let cookies: { anonymous: Headers; mustSetPassword: Headers; viewer: Headers };

beforeAll(async () => {
  const { story } = await createStory(db, [{ language: "en", text: "The harbour was sold." }]);
  await db.story.update({ where: { id: story.id }, data: { title: SECRET_TITLE } });
  storyKey = story.key;
  claimKey = `claim-${randomUUID()}`;
  await db.claim.create({ data: { key: claimKey, statement: SECRET_CLAIM, storyId: story.id } });
  const temporary = await createUser(db, "EDITOR");
  await db.user.update({ where: { id: temporary.id }, data: { mustSetPassword: true } });
  const viewer = await signedIn(db, "VIEWER");
  cookies = {
    anonymous: headersOf({}),
    mustSetPassword: headersOf({ cookie: (await sessionCookie(db, temporary.id)).cookie }),
    viewer: headersOf({ cookie: viewer.cookie! }),
  };
});

const story = (key: string) => ({
  params: Promise.resolve({ key: encodeURIComponent(key) }),
  searchParams: Promise.resolve({}),
});
const claim = (key: string) => ({ params: Promise.resolve({ key: encodeURIComponent(key) }) });

describe("page metadata is authorized like the page", () => {
  for (const who of ["anonymous", "mustSetPassword"] as const) {
    it(`a ${who} visitor gets the same title for an existing and an unknown story or claim`, async () => {
      const as = cookies[who];
      const known = await withRequestHeaders(as, () => storyMetadata(story(storyKey)));
      const unknown = await withRequestHeaders(as, () => storyMetadata(story(`no-such-${randomUUID()}`)));
      expect(JSON.stringify(known)).not.toContain("harbour");
      expect(known).toEqual(unknown);

      const knownClaim = await withRequestHeaders(as, () => claimMetadata(claim(claimKey)));
      const unknownClaim = await withRequestHeaders(as, () => claimMetadata(claim(`no-such-${randomUUID()}`)));
      expect(JSON.stringify(knownClaim)).not.toContain("harbour");
      expect(knownClaim).toEqual(unknownClaim);
    });
  }

  it("a reader sees the story's title and the claim's statement", async () => {
    const as = cookies.viewer;
    expect(await withRequestHeaders(as, () => storyMetadata(story(storyKey)))).toEqual({ title: SECRET_TITLE });
    expect(await withRequestHeaders(as, () => claimMetadata(claim(claimKey)))).toEqual({
      title: `Claim: ${SECRET_CLAIM.slice(0, 80)}`,
    });
  });
});
