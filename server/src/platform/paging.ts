/** Keyset paging: the cursor of the next page is the last id of a full page, none after a short one. */
export function nextCursor(rows: readonly { id: string }[], limit: number): string | null {
  return rows.length === limit ? rows[rows.length - 1].id : null;
}
