// Keyset pagination over (date, id), newest or oldest first: the thousandth page costs what the
// first does. The cursor is "<ISO date>_<id>": readable in the address, checked before use (a bad
// one is ignored and the list starts over).

export const encodeCursor = (at: Date, id: string) => `${at.toISOString()}_${id}`;

export function decodeCursor(value: string | undefined | null): { at: Date; id: string } | null {
  const match = value && /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/.exec(value);
  if (!match) return null;
  const at = new Date(match[1]!);
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2]! };
}

/** The `where` of the rows after `cursor` in the order (field, id) `direction`. */
export function after<F extends string>(field: F, cursor: { at: Date; id: string }, direction: "asc" | "desc") {
  const beyond = direction === "desc" ? "lt" : "gt";
  return { OR: [{ [field]: { [beyond]: cursor.at } }, { [field]: cursor.at, id: { [beyond]: cursor.id } }] } as {
    OR: [Record<F, { lt?: Date; gt?: Date }>, Record<F, Date> & { id: { lt?: string; gt?: string } }];
  };
}
