/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": a duration as a manager reads it. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** Paid ÷ created as a whole percentage; "—" when nothing was created. */
export function formatConversion(paid: number, created: number): string {
  if (created === 0) return "—";
  return `${Math.round((paid / created) * 100)}%`;
}
