import type { ReactNode } from "react";

/**
 * A user's recent background jobs as a table, newest first (the export
 * page's recent exports, the import page's history): the heading, then
 * "None yet." or the table with the caller's rows.
 */
export function JobHistory({
  id,
  title,
  columns,
  empty,
  children,
}: {
  /** The heading's id. */
  id: string;
  title: string;
  columns: readonly string[];
  empty: boolean;
  /** The rows: one <tr> a job. */
  children: ReactNode;
}) {
  return (
    <section className="mt-10" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-medium">
        {title}
      </h2>
      {empty ? (
        <p className="mt-2 text-sm text-stone-600">None yet.</p>
      ) : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{title}, newest first</caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
              <tr>
                {columns.map((column) => (
                  <th key={column} className="px-3 py-2 font-medium">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
