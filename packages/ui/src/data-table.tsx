import type { ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: string;
  /** Numbers align right so digits line up. */
  align?: 'left' | 'right';
  render: (row: Row) => ReactNode;
}

export interface DataTableProps<Row> {
  /** Accessible name of the table (tests and screen readers find it by this). */
  label: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Shown in place of the body when there are no rows. */
  empty?: ReactNode;
  /** Visible caption; defaults to none (the label still names the table). */
  caption?: ReactNode;
}

export function DataTable<Row>({ label, columns, rows, rowKey, empty = 'Nothing yet.', caption }: DataTableProps<Row>) {
  return (
    // Focusable so keyboard users can scroll a table wider than a phone (axe: scrollable-region-focusable).
    <div role="region" aria-label={`${label} (scrolls sideways)`} tabIndex={0} className="overflow-x-auto rounded-md border border-rule bg-surface">
      <table aria-label={label} className="w-full border-collapse text-sm">
        {caption ? <caption className="px-4 py-2 text-left text-ink-muted">{caption}</caption> : null}
        <thead>
          <tr className="border-b border-rule">
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`px-4 py-2 font-semibold whitespace-nowrap ${alignClass(c.align)}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-4 py-6 text-center text-ink-muted">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="border-b border-rule last:border-b-0">
                {columns.map((c) => (
                  <td key={c.key} className={`px-4 py-2 ${alignClass(c.align)}`}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function alignClass(align: Column<unknown>['align']) {
  return align === 'right' ? 'text-right tabular-nums' : 'text-left';
}
