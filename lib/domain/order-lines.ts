/**
 * Order-line arithmetic exactly as the Checkout v3 API validates it.
 * All amounts are integers in minor units; tax rates are basis points (25% = 2500).
 */

export type OrderLineInput = {
  name: string;
  quantity: number;
  unitPrice: number;
  taxRate: number;
  discount?: number;
  reference?: string;
};

export type PricedOrderLine = OrderLineInput & {
  totalAmount: number;
  totalTaxAmount: number;
  totalDiscountAmount: number;
};

export type OrderTotals = {
  lines: PricedOrderLine[];
  orderAmount: number;
  orderTaxAmount: number;
};

/** Divides non-negative integers, rounding half up, without leaving integer arithmetic. */
function divRound(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Tax contained in a tax-inclusive amount: amount - amount * 10000 / (10000 + rate). */
export function taxIncluded(totalAmount: number, taxRate: number): number {
  if (totalAmount < 0) return -taxIncluded(-totalAmount, taxRate);
  return totalAmount - divRound(totalAmount * 10_000, 10_000 + taxRate);
}

export function priceLine(line: OrderLineInput): PricedOrderLine {
  const totalDiscountAmount = line.discount ?? 0;
  const totalAmount = line.quantity * line.unitPrice - totalDiscountAmount;
  return { ...line, totalAmount, totalTaxAmount: taxIncluded(totalAmount, line.taxRate), totalDiscountAmount };
}

export function priceOrder(lines: OrderLineInput[]): OrderTotals {
  const priced = lines.map(priceLine);
  return {
    lines: priced,
    orderAmount: priced.reduce((sum, l) => sum + l.totalAmount, 0),
    orderTaxAmount: priced.reduce((sum, l) => sum + l.totalTaxAmount, 0),
  };
}

/** What one order may hold (Checkout v3 caps unit_price and total_amount at 100 000 000 minor units). */
export const ORDER_LINE_LIMITS = {
  nameMax: 255,
  quantityMin: 1,
  quantityMax: 1000,
  /** Checkout v3 caps unit_price and total_amount at 100 000 000 minor units. */
  amountMax: 100_000_000,
  /**
   * The whole order: Checkout's order_amount is int64, the portal stores amounts as int4 (max
   * 2 147 483 647); 1 000 000 000 minor units keeps well inside both.
   */
  orderTotalMax: 1_000_000_000,
  linesMin: 1,
  linesMax: 100,
} as const;
