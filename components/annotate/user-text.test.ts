/**
 * The side panels list names users chose (entities, claims, claimants,
 * editors) and quotes: each inside <bdi>, so a right-to-left name or an
 * override character cannot reorder the words around it.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SpanDTO, StoryAnnotations } from "@/lib/annotate-client/types";
import { EntityRetype } from "./EntityRetype";
import { SpanInspector } from "./SpanInspector";
import { StorySidebar } from "./StorySidebar";

const RLO = "\u202e";
const ref = { articleId: "a1", language: "ar", spanId: "s1", start: 0, end: 5, quote: "جنيف" };

describe("side panels isolate user text", () => {
  it("the story sidebar: entity names, quotes, claims and claimants", () => {
    const annotations = {
      entities: [{ id: "e1", name: `${RLO}Geneva`, labelId: "l1", labelKey: "GPE", wikidataQid: null, spans: [ref] }],
      claims: [
        {
          id: "c1",
          statement: "مؤتمر في جنيف",
          claimant: { id: "e2", name: "وزارة الخارجية" },
          claimDate: null,
          verdict: { id: "v1", name: `${RLO}false` },
          spans: [],
        },
      ],
    } as unknown as StoryAnnotations;
    const html = renderToStaticMarkup(createElement(StorySidebar, { storyId: "st", annotations, onJump: () => {} }));
    for (const text of [`${RLO}Geneva`, "جنيف", "مؤتمر في جنيف", "وزارة الخارجية", `${RLO}false`])
      expect(html).toContain(`<bdi>${text}</bdi>`);
  });

  it("the selected-span panel: label, quote, linked name and editor", () => {
    const span = {
      id: "s1",
      kind: "ENTITY",
      labelId: "l1",
      entityId: "e1",
      claimId: null,
      quote: "ג׳נבה",
      start: 0,
      end: 5,
      reviewStatus: "PENDING",
      source: "MANUAL",
      updatedBy: { id: "u1", name: `${RLO}Dana` },
      updatedAt: "2026-01-02T00:00:00.000Z",
    } as unknown as SpanDTO;
    const html = renderToStaticMarkup(
      createElement(SpanInspector, {
        spans: [span],
        labels: [
          {
            id: "l1",
            key: "GPE",
            name: "מקום",
            kind: "ENTITY",
            color: "#000",
            shortcut: null,
            order: 0,
            archived: false,
          },
        ],
        names: { entities: { e1: `${RLO}Geneva` } },
      }),
    );
    expect(html).toMatch(/<bdi class="font-medium">מקום<\/bdi>/);
    for (const text of ["ג׳נבה", `${RLO}Geneva`, `${RLO}Dana`]) expect(html).toContain(`<bdi>${text}</bdi>`);
  });

  it("the retype panel: the quote and the new type's name", () => {
    const label = {
      id: "l2",
      key: "PER",
      name: `${RLO}Person`,
      kind: "ENTITY",
      color: "#000",
      shortcut: null,
      order: 0,
      archived: false,
    } as const;
    const html = renderToStaticMarkup(
      createElement(EntityRetype, {
        entityId: "e1",
        quote: "ג׳נבה",
        label,
        labels: [label],
        onRetyped: () => {},
        onUnlink: () => {},
        onCancel: () => {},
      }),
    );
    for (const text of ["ג׳נבה", `${RLO}Person`]) expect(html).toContain(`<bdi>${text}</bdi>`);
  });
});
