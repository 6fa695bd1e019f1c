import type { NextRequest } from "next/server";
import { agreementCsv } from "@/lib/agreement/csv";
import { assertMayReadAgreement, loadAgreementReport, type AgreementScope } from "@/lib/agreement/load";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { json } from "@/app/api/_lib/request";

function scopeOf(req: NextRequest): { scope: AgreementScope; format: "json" | "csv" } {
  const q = req.nextUrl.searchParams;
  const format = q.get("format") ?? "json";
  if (format !== "json" && format !== "csv") throw new AppError("INVALID_INPUT", "format must be json or csv.", 400);
  const list = (name: string) =>
    q
      .getAll(name)
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
  return { scope: { storyKeys: list("story"), articleIds: list("article"), languages: list("language") }, format };
}

/**
 * The agreement report between the annotators who worked independently on a
 * story (?story=KEY, repeatable for a selection; ?article=ID; ?language=TAG to
 * narrow): JSON, or CSV with ?format=csv.
 */
export const GET = route({ permission: "assignment.manage" }, async (req, { user }) => {
  const { scope, format } = scopeOf(req);
  await assertMayReadAgreement(db, user!.id, scope);
  const report = await loadAgreementReport(db, scope);
  if (format === "json") return json(report);
  const name = `agreement-${report.scope.stories.join("+").slice(0, 80) || "articles"}.csv`;
  return new Response(agreementCsv(report), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name.replace(/[^\w.+-]/g, "_")}"`,
    },
  });
});
