/** An invoice's id and what is still due on it (rupiah digits). */
export interface Due {
  id: string;
  balanceDue: string;
}

/**
 * Splits a received amount over the chosen invoices in the given order (oldest first): each gets
 * up to its balance due; what is left over is not allocated (the server credits it).
 */
export function allocate(
  amount: string,
  invoices: readonly Due[],
): { invoiceId: string; amount: string }[] {
  let left = BigInt(amount || '0');
  const allocations: { invoiceId: string; amount: string }[] = [];
  for (const invoice of invoices) {
    if (left <= 0n) break;
    const due = BigInt(invoice.balanceDue);
    const part = due < left ? due : left;
    if (part <= 0n) continue;
    allocations.push({ invoiceId: invoice.id, amount: part.toString() });
    left -= part;
  }
  return allocations;
}
