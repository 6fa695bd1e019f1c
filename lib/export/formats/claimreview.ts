/**
 * schema.org ClaimReview (JSON-LD): one review per claim with a verdict, in a
 * schema.org DataFeed — the shape fact-check aggregators ingest. One feed
 * element per line inside the document, so it streams and diffs well.
 */
import type { ClaimReviewItem } from "../reader";
import { claimPath } from "../../annotation/claim-page";
import type { EntityRecord } from "../records";
import { httpUri, jsonText } from "./text-safety";
import type { FormatSpec, Organization } from "./types";

/**
 * schema.org types for a claimant, by label. `author` takes a Person or an
 * Organization only, so a place (GPE: a country or city that states
 * something speaks through its government) is a GovernmentOrganization; a
 * claimant of any other label (a location, an event, a thing) has no valid
 * `author` type and is left out of the review (Parallax JSONL keeps it).
 */
const AUTHOR_TYPES: Record<string, string> = {
  PERSON: "Person",
  ORG: "Organization",
  GPE: "GovernmentOrganization",
};

function claimant(e: EntityRecord): Record<string, unknown> | null {
  const type = AUTHOR_TYPES[e.label];
  if (!type) return null;
  const wikidata = e.wikidataQid ? encodeURIComponent(e.wikidataQid) : null;
  return {
    "@type": type,
    ...(wikidata && { "@id": `http://www.wikidata.org/entity/${wikidata}` }),
    name: e.name,
    ...(wikidata && { sameAs: `https://www.wikidata.org/wiki/${wikidata}` }),
  };
}

/** The claim's page in Parallax (`/claims/KEY`), absolute. */
export function claimPageUrl(claim: { key: string | null; id: string }, siteUrl: string): string {
  return `${siteUrl.replace(/\/+$/, "")}${claimPath(claim)}`;
}

export function claimReview(
  item: ClaimReviewItem,
  scale: { worst: number; best: number },
  organization: Organization,
  siteUrl: string,
): Record<string, unknown> {
  const { claim } = item;
  const page = httpUri(claimPageUrl(claim, siteUrl));
  const organizationUrl = httpUri(organization.url);
  const citations = claim.evidenceUrls.map(httpUri).filter((u): u is string => u !== null);
  const author = item.claimant && claimant(item.claimant);
  return {
    "@type": "ClaimReview",
    ...(page && { "@id": `${page}#review`, url: page }),
    claimReviewed: claim.statement,
    reviewRating: {
      "@type": "Rating",
      ratingValue: claim.verdict.value,
      bestRating: scale.best,
      worstRating: scale.worst,
      alternateName: claim.verdict.name,
    },
    author: { "@type": "Organization", name: organization.name, ...(organizationUrl && { url: organizationUrl }) },
    datePublished: claim.createdAt.slice(0, 10),
    dateModified: claim.updatedAt,
    ...(claim.note && { reviewBody: claim.note }),
    ...(citations.length > 0 && { citation: citations }),
    itemReviewed: {
      "@type": "Claim",
      ...(page && { "@id": `${page}#claim` }),
      ...(author && { author }),
      ...(claim.claimDate && { datePublished: claim.claimDate }),
      appearance: item.appearances.map((a) => {
        const url = httpUri(a.url);
        return {
          "@type": "CreativeWork",
          ...(url && { url }),
          inLanguage: a.language,
          ...(a.title && { headline: a.title }),
          ...(a.published && { datePublished: a.published }),
          ...(a.outlet && { publisher: { "@type": "Organization", name: a.outlet } }),
          ...(a.author && { author: { "@type": "Person", name: a.author } }),
          text: a.quote,
        };
      }),
    },
  };
}

export function feedHead(organization: Organization): string {
  const head = jsonText({
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
      yield `${n++ ? ",\n" : ""}${jsonText(claimReview(item, scale, ctx.organization, ctx.siteUrl))}`;
    }
    yield `${n ? "\n" : ""}]}\n`;
  },
};
