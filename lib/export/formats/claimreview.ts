/**
 * schema.org ClaimReview (JSON-LD): one review per claim with a verdict, in a
 * schema.org DataFeed — the shape fact-check aggregators ingest. One feed
 * element per line inside the document, so it streams and diffs well.
 */
import type { ClaimReviewItem } from "../reader";
import type { EntityRecord } from "../records";
import { claimIri, entityIri } from "./webanno";
import type { FormatSpec, Organization } from "./types";

const SCHEMA_TYPES: Record<string, string> = {
  PERSON: "Person",
  ORG: "Organization",
  GPE: "Place",
  LOC: "Place",
  EVENT: "Event",
};

function claimant(e: EntityRecord): Record<string, unknown> {
  return {
    "@type": SCHEMA_TYPES[e.label] ?? "Thing",
    "@id": entityIri(e),
    name: e.name,
    ...(e.wikidataQid && { sameAs: `https://www.wikidata.org/wiki/${e.wikidataQid}` }),
  };
}

export function claimReview(
  item: ClaimReviewItem,
  scale: { worst: number; best: number },
  organization: Organization,
): Record<string, unknown> {
  const { claim } = item;
  return {
    "@type": "ClaimReview",
    "@id": `urn:parallax:claim-review:${encodeURIComponent(claim.key ?? claim.id)}`,
    claimReviewed: claim.statement,
    reviewRating: {
      "@type": "Rating",
      ratingValue: claim.verdict.value,
      bestRating: scale.best,
      worstRating: scale.worst,
      alternateName: claim.verdict.name,
    },
    author: { "@type": "Organization", name: organization.name, ...(organization.url && { url: organization.url }) },
    datePublished: claim.createdAt.slice(0, 10),
    dateModified: claim.updatedAt,
    ...(claim.note && { reviewBody: claim.note }),
    ...(claim.evidenceUrls.length > 0 && { citation: claim.evidenceUrls }),
    itemReviewed: {
      "@type": "Claim",
      "@id": claimIri(claim),
      ...(item.claimant && { author: claimant(item.claimant) }),
      ...(claim.claimDate && { datePublished: claim.claimDate }),
      appearance: item.appearances.map((a) => ({
        "@type": "CreativeWork",
        ...(a.url && { url: a.url }),
        inLanguage: a.language,
        ...(a.title && { headline: a.title }),
        ...(a.published && { datePublished: a.published }),
        ...(a.outlet && { publisher: { "@type": "Organization", name: a.outlet } }),
        ...(a.author && { author: { "@type": "Person", name: a.author } }),
        text: a.quote,
      })),
    },
  };
}

export function feedHead(organization: Organization): string {
  const head = JSON.stringify({
    "@context": "https://schema.org",
    "@type": "DataFeed",
    name: `${organization.name}: claim reviews`,
  });
  return `${head.slice(0, -1)},"dataFeedElement":[\n`;
}

export const claimreview: FormatSpec = {
  id: "claimreview",
  title: "schema.org ClaimReview (JSON-LD)",
  extension: "claimreview.jsonld",
  mediaType: "application/ld+json; charset=utf-8",
  unit: "claims",
  shape: () => ({ placedOnly: true, articlesWithoutSpans: false }),
  async *render(ctx) {
    const scale = await ctx.reader.verdictScale();
    yield feedHead(ctx.organization);
    let n = 0;
    for await (const item of ctx.reader.claimReviews()) {
      ctx.done(1);
      yield `${n++ ? ",\n" : ""}${JSON.stringify(claimReview(item, scale, ctx.organization))}`;
    }
    yield `${n ? "\n" : ""}]}\n`;
  },
};
