import Link from "next/link";

/** The list page's title and its New payment link button. */
export function SessionsHeader() {
  return (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <h1 className="text-2xl font-semibold">Sessions</h1>
      <Link
        href="/sessions/new"
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
      >
        New payment link
      </Link>
    </div>
  );
}
