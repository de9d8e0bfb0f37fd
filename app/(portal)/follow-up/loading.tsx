import { FollowUpHeader } from "@/components/follow-up/header";

export default function FollowUpLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <FollowUpHeader />
      <span className="sr-only" role="status">
        Loading the worklist…
      </span>
      {Array.from({ length: 3 }, (_, group) => (
        <div key={group} className="space-y-3" aria-hidden>
          <div className="h-6 w-40 animate-pulse rounded bg-slate-200" />
          <div className="h-24 animate-pulse rounded-lg bg-slate-200/70" />
        </div>
      ))}
    </div>
  );
}
