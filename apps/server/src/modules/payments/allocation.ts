/** An open invoice as allocation sees it. */
export interface OpenInvoice {
  id: string;
  number: string | null;
  status: string;
  total: bigint;
  paid: bigint;
}

export interface Allocation {
  invoiceId: string;
  amount: bigint;
}

/** Why a requested allocation cannot be made; the service turns it into a problem. */
export type AllocationRefusal =
  | { kind: 'over_balance'; index: number; invoice: OpenInvoice; balanceDue: bigint }
  | { kind: 'over_amount' };

export type AllocationPlan =
  | { ok: true; allocations: Allocation[]; credited: bigint }
  | { ok: false; refusal: AllocationRefusal };

/**
 * Pure: splits `amount` over invoices. With `requested`, exactly those (each at most its balance
 * due); without, the open invoices in the order given (oldest due first), each up to its balance.
 * The rest is credit. Invariant: sum(allocations) + credited = amount, nothing negative.
 */
export function planAllocation(
  amount: bigint,
  open: readonly OpenInvoice[],
  requested?: readonly Allocation[],
): AllocationPlan {
  const allocations: Allocation[] = [];
  let left = amount;
  if (requested) {
    const byId = new Map(open.map((i) => [i.id, i]));
    for (const [index, r] of requested.entries()) {
      const invoice = byId.get(r.invoiceId);
      if (!invoice) throw new Error(`invoice ${r.invoiceId} is not open`);
      const balanceDue = invoice.total - invoice.paid;
      if (r.amount > balanceDue) {
        return { ok: false, refusal: { kind: 'over_balance', index, invoice, balanceDue } };
      }
      if (r.amount > left) return { ok: false, refusal: { kind: 'over_amount' } };
      allocations.push({ invoiceId: r.invoiceId, amount: r.amount });
      left -= r.amount;
    }
  } else {
    for (const invoice of open) {
      if (left === 0n) break;
      const balanceDue = invoice.total - invoice.paid;
      if (balanceDue <= 0n) continue;
      const take = balanceDue < left ? balanceDue : left;
      allocations.push({ invoiceId: invoice.id, amount: take });
      left -= take;
    }
  }
  return { ok: true, allocations, credited: left };
}
