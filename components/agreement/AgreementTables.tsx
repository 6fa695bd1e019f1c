import Link from "next/link";
import type { Coefficient } from "@/lib/agreement/coefficient";
import type { ScopedReport } from "@/lib/agreement/load";

/** A coefficient as text: three decimals, or a dash with the reason on hover. */
function Figure({ c, testId }: { c: Coefficient; testId?: string }) {
  if (c.value === null) {
    return (
      <span title={c.reason} className="text-stone-400" data-testid={testId} data-value="">
        — <span className="sr-only">({c.reason})</span>
      </span>
    );
  }
  return (
    <span data-testid={testId} data-value={c.value}>
      {c.value.toFixed(3)}
    </span>
  );
}

const th = "border-b border-stone-200 px-3 py-2 text-left font-medium text-stone-600";
const td = "border-b border-stone-100 px-3 py-2 tabular-nums";

/** `assignHref`: where the versions' annotators are assigned, offered while there are too few. */
export function AgreementTables({ report, assignHref }: { report: ScopedReport; assignHref: string }) {
  const name = new Map(report.annotators.map((a) => [a.id, a.name]));
  const pair = (a: string, b: string) => report.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  if (report.annotators.length < 2) {
    return (
      <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-stone-600">
        Agreement needs at least two annotators working independently on these versions.{" "}
        <Link href={assignHref} className="text-blue-700 underline">
          Assign annotators
        </Link>
      </p>
    );
  }
  return (
    <div className="space-y-10">
      <section>
        <h2 className="mb-2 text-lg font-semibold">Overall</h2>
        <p className="text-sm">
          Unitizing α<sub>u</sub> over {report.overall.articles} version(s):{" "}
          <strong>
            <Figure c={report.overall.alphaU} testId="alpha-overall" />
          </strong>
          {report.overall.merged ? ` (${report.overall.merged} overlapping spans of one annotator merged)` : null}.
          Entity links on matched spans: <Figure c={report.links.entity.agreement} /> agree (α{" "}
          <Figure c={report.links.entity.alpha} />
          ); claim verdicts: ordinal α <Figure c={report.links.verdict.alpha} />.
        </p>
      </section>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Annotator × annotator</h2>
        <p className="mb-2 text-sm text-stone-600">Each cell: α_u / F1 with overlap / F1 exact.</p>
        <table className="text-sm" data-testid="agreement-matrix">
          <thead>
            <tr>
              <th className={th}></th>
              {report.annotators.map((a) => (
                <th key={a.id} className={th}>
                  <bdi>{a.name}</bdi>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.annotators.map((row) => (
              <tr key={row.id}>
                <th className={th}>
                  <bdi>{row.name}</bdi>
                </th>
                {report.annotators.map((col) => {
                  const p = row.id === col.id ? null : pair(row.id, col.id);
                  return (
                    <td key={col.id} className={td} data-testid={p ? `cell-${row.name}-${col.name}` : undefined}>
                      {p ? (
                        <>
                          <Figure c={p.alphaU} testId="cell-alpha" /> /{" "}
                          <Figure c={p.overlap.f1} testId="cell-f1-overlap" /> /{" "}
                          <Figure c={p.exact.f1} testId="cell-f1-exact" />
                        </>
                      ) : (
                        <span className="text-stone-300">·</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Per label</h2>
        <table className="text-sm">
          <thead>
            <tr>
              <th className={th}>Label</th>
              <th className={th}>Units</th>
              <th className={th}>α_u (all)</th>
              {report.pairs.map((p) => (
                <th key={`${p.a}${p.b}`} className={th}>
                  {name.get(p.a)} × {name.get(p.b)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.overall.labels.map((l) => (
              <tr key={l.label}>
                <td className={td}>{l.label}</td>
                <td className={td}>{l.units}</td>
                <td className={td}>
                  <Figure c={l.alphaU} />
                </td>
                {report.pairs.map((p) => {
                  const x = p.labels.find((y) => y.label === l.label);
                  return (
                    <td key={`${p.a}${p.b}`} className={td}>
                      {x ? <Figure c={x.alphaU} /> : "—"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Per version</h2>
        <table className="text-sm">
          <thead>
            <tr>
              <th className={th}>Story</th>
              <th className={th}>Language</th>
              <th className={th}>Spans</th>
              <th className={th}>α_u</th>
            </tr>
          </thead>
          <tbody>
            {report.perArticle.map((a) => (
              <tr key={a.articleId}>
                <td className={td}>{a.storyKey}</td>
                <td className={td}>{a.language}</td>
                <td className={td}>
                  {Object.entries(a.spans)
                    .map(([id, n]) => `${name.get(id)}: ${n}`)
                    .join(", ")}
                </td>
                <td className={td}>
                  <Figure c={a.alphaU} />
                </td>
              </tr>
            ))}
            {report.perLanguage.length > 1 || report.scope.stories.length > 1
              ? report.perLanguage.map((l) => (
                  <tr key={`lang-${l.language}`} className="bg-stone-50">
                    <td className={td}>all</td>
                    <td className={td}>{l.language}</td>
                    <td className={td}></td>
                    <td className={td}>
                      <Figure c={l.alphaU} />
                    </td>
                  </tr>
                ))
              : null}
          </tbody>
        </table>
      </section>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Across languages</h2>
        {report.crossLanguage.length === 0 ? (
          <p className="text-sm text-stone-600">No span is linked to an entity or claim yet.</p>
        ) : (
          <table className="text-sm">
            <thead>
              <tr>
                <th className={th}>Entity or claim</th>
                {report.annotators.map((a) => (
                  <th key={a.id} className={th}>
                    <bdi>{a.name}</bdi>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.crossLanguage.map((r) => (
                <tr key={`${r.kind}${r.id}`}>
                  <td className={td}>
                    <span className="text-stone-500">{r.kind}</span> <bdi>{r.name}</bdi>
                  </td>
                  {report.annotators.map((a) => (
                    <td key={a.id} className={td}>
                      {(r.languages[a.id] ?? []).join(" ") || "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
