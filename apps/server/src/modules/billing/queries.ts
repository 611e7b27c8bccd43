import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { billingAdjustments, discounts } from '../../db/schema/index.ts';

export type AdjustmentRow = typeof billingAdjustments.$inferSelect;
export type NewAdjustmentRow = typeof billingAdjustments.$inferInsert;
export type DiscountRow = typeof discounts.$inferSelect;
export type NewDiscountRow = typeof discounts.$inferInsert;

export async function insertAdjustment(
  db: Executor,
  values: NewAdjustmentRow,
): Promise<AdjustmentRow> {
  const [row] = await db.insert(billingAdjustments).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function selectCustomerAdjustments(
  db: Executor,
  customerId: string,
): Promise<AdjustmentRow[]> {
  return db
    .select()
    .from(billingAdjustments)
    .where(eq(billingAdjustments.customerId, customerId))
    .orderBy(desc(billingAdjustments.createdAt), desc(billingAdjustments.id));
}

export async function lockAdjustment(
  db: Executor,
  customerId: string,
  id: string,
): Promise<AdjustmentRow | undefined> {
  const [row] = await db
    .select()
    .from(billingAdjustments)
    .where(and(eq(billingAdjustments.id, id), eq(billingAdjustments.customerId, customerId)))
    .for('update');
  return row;
}

/** Deletes it only while it is still pending (the invoice run may have taken it meanwhile). */
export async function deletePendingAdjustment(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .delete(billingAdjustments)
    .where(and(eq(billingAdjustments.id, id), isNull(billingAdjustments.invoiceId)))
    .returning({ id: billingAdjustments.id });
  return rows.length > 0;
}

export async function insertDiscount(db: Executor, values: NewDiscountRow): Promise<DiscountRow> {
  const [row] = await db.insert(discounts).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function selectDiscounts(
  db: Executor,
  subscriptionId: string,
): Promise<DiscountRow[]> {
  return db
    .select()
    .from(discounts)
    .where(eq(discounts.subscriptionId, subscriptionId))
    .orderBy(desc(discounts.startsOn), desc(discounts.id));
}

export async function deleteDiscountRow(
  db: Executor,
  subscriptionId: string,
  id: string,
): Promise<DiscountRow | undefined> {
  const [row] = await db
    .delete(discounts)
    .where(and(eq(discounts.id, id), eq(discounts.subscriptionId, subscriptionId)))
    .returning();
  return row;
}
