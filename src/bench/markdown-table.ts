/** GitHub-flavoured Markdown tables whose cells can hold any text (error messages included). */

/** Make arbitrary text safe inside one table cell: pipes escaped, no raw HTML, line breaks flattened. */
export function escapeCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\r?\n+/g, ' ')
    .trim();
}

export type Align = 'left' | 'right';

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = `|${header.map((_, i) => (align[i] === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  for (const r of rows) {
    if (r.length !== header.length) throw new Error(`table row has ${r.length} cells, header has ${header.length}`);
  }
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.includes('`') ? ` ${text} ` : text}${fence}`;
}
