import type { DayFigures } from "@/lib/payment-links/dashboard";
import { historyHref } from "@/lib/payment-links/history/params";

export type CreatedPaidChartProps = { days: DayFigures[]; store: string };

const HEIGHT = 120;
const BAR_GAP = 2;

/** Created (light) and paid (dark) per day, plain SVG: each day links to its list. */
export function CreatedPaidChart({ days, store }: CreatedPaidChartProps) {
  const max = Math.max(1, ...days.map((d) => d.created));
  const slot = 24;
  const width = days.length * slot;
  const bar = (slot - BAR_GAP * 3) / 2;
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${HEIGHT + 16}`} className="h-40 w-full" role="img" aria-label="Links created and paid per day">
        {days.map((day, i) => {
          const x = i * slot + BAR_GAP;
          const created = (day.created / max) * HEIGHT;
          const paid = (day.paid / max) * HEIGHT;
          return (
            <a key={day.day} href={historyHref({ from: day.day, to: day.day, store })}>
              <title>{`${day.day}: ${day.created} created, ${day.paid} paid`}</title>
              <rect x={x} y={HEIGHT - created} width={bar} height={created} className="fill-sky-200" />
              <rect x={x + bar + BAR_GAP} y={HEIGHT - paid} width={bar} height={paid} className="fill-brand-600" />
              {(days.length <= 7 || i % 5 === 0) && (
                <text x={x + bar} y={HEIGHT + 12} textAnchor="middle" className="fill-slate-500 text-[8px]">
                  {day.day.slice(5)}
                </text>
              )}
            </a>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex gap-4 text-xs text-slate-600">
        <span><span aria-hidden className="mr-1 inline-block h-2 w-2 bg-sky-200" />Created</span>
        <span><span aria-hidden className="mr-1 inline-block h-2 w-2 bg-brand-600" />Paid</span>
      </figcaption>
    </figure>
  );
}
