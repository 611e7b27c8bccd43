import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { TextField } from './field';
import { PlusIcon } from './icons';
import { Money, MoneyField } from './money';

/** One priced line as typed: quantity and tax percentage as text, the unit price as digits. */
export interface LineDraft {
  description: string;
  quantity: string;
  unitAmount: string;
  taxPercent: string;
}

export const EMPTY_LINE: LineDraft = {
  description: '',
  quantity: '1',
  unitAmount: '',
  taxPercent: '11',
};

/** The API's line: integer quantity, rupiah digits, tax in basis points (NaN when malformed). */
export function lineBody(line: LineDraft): {
  description: string;
  quantity: number;
  unitAmount: string;
  taxRateBp: number;
} {
  const percent = line.taxPercent.trim().replace(',', '.');
  return {
    description: line.description.trim(),
    quantity: /^\d+$/.test(line.quantity.trim()) ? Number(line.quantity) : Number.NaN,
    unitAmount: line.unitAmount,
    taxRateBp: /^\d+(\.\d{1,2})?$/.test(percent) ? Math.round(Number(percent) * 100) : Number.NaN,
  };
}

/** a / b rounded half-up, as the server taxes each line. */
function divHalfUp(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}

/** Subtotal, tax and total of typed lines, exactly as the server will compute them. */
export function lineTotals(lines: readonly LineDraft[]): {
  subtotal: string;
  tax: string;
  total: string;
} {
  let subtotal = 0n;
  let tax = 0n;
  for (const line of lines) {
    const body = lineBody(line);
    if (!Number.isInteger(body.quantity) || !Number.isInteger(body.taxRateBp)) continue;
    const amount = BigInt(body.quantity) * BigInt(body.unitAmount || '0');
    subtotal += amount;
    tax += divHalfUp(amount * BigInt(body.taxRateBp), 10_000n);
  }
  return {
    subtotal: subtotal.toString(),
    tax: tax.toString(),
    total: (subtotal + tax).toString(),
  };
}

/**
 * An editable list of priced lines (manual invoices, one-off charges) with live totals. Field
 * errors are looked up as `lines.<i>.<field>`.
 */
export function LineItemsEditor({
  lines,
  onChange,
  errors = {},
  max = 100,
  showTotals = true,
}: {
  lines: readonly LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  errors?: Record<string, string>;
  max?: number;
  showTotals?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const set = (index: number, key: keyof LineDraft, value: string): void =>
    onChange(lines.map((line, i) => (i === index ? { ...line, [key]: value } : line)));
  const totals = lineTotals(lines);
  return (
    <div className="space-y-3">
      {lines.map((line, index) => (
        <div
          key={index}
          data-line={index}
          className="grid items-start gap-2 sm:grid-cols-[1fr_4.5rem_9rem_4.5rem_auto]"
        >
          <TextField
            label={t('lineItems.description')}
            name={`description-${index}`}
            value={line.description}
            onChange={(event) => set(index, 'description', event.target.value)}
            error={errors[`lines.${index}.description`]}
            maxLength={200}
          />
          <TextField
            label={t('lineItems.quantity')}
            name={`quantity-${index}`}
            inputMode="numeric"
            value={line.quantity}
            onChange={(event) => set(index, 'quantity', event.target.value)}
            error={errors[`lines.${index}.quantity`]}
          />
          <MoneyField
            label={t('lineItems.unitAmount')}
            name={`unitAmount-${index}`}
            value={line.unitAmount}
            onChange={(digits) => set(index, 'unitAmount', digits)}
            error={errors[`lines.${index}.unitAmount`]}
          />
          <TextField
            label={t('lineItems.taxPercent')}
            name={`taxPercent-${index}`}
            inputMode="decimal"
            value={line.taxPercent}
            onChange={(event) => set(index, 'taxPercent', event.target.value)}
            error={errors[`lines.${index}.taxRateBp`]}
          />
          {lines.length > 1 && (
            <Button
              variant="ghost"
              size="sm"
              className="sm:mt-6"
              onClick={() => onChange(lines.filter((_, i) => i !== index))}
            >
              {t('common.delete')}
            </Button>
          )}
        </div>
      ))}
      <div className="flex flex-wrap items-center justify-between gap-3">
        {lines.length < max ? (
          <Button size="sm" onClick={() => onChange([...lines, { ...EMPTY_LINE }])}>
            <PlusIcon /> {t('lineItems.add')}
          </Button>
        ) : (
          <span />
        )}
        {showTotals && (
          <dl className="grid grid-cols-[auto_auto] gap-x-4 text-sm" data-testid="line-totals">
            <dt>{t('invoices.fields.subtotal')}</dt>
            <dd className="text-right">
              <Money amount={totals.subtotal} />
            </dd>
            <dt>{t('invoices.fields.tax')}</dt>
            <dd className="text-right">
              <Money amount={totals.tax} />
            </dd>
            <dt className="font-semibold">{t('invoices.fields.total')}</dt>
            <dd className="text-right font-semibold">
              <Money amount={totals.total} />
            </dd>
          </dl>
        )}
      </div>
    </div>
  );
}
