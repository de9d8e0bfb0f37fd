import Link from "next/link";

/** Rendered inside the portal layout's <main>, so it brings no landmark of its own. */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-2xl font-semibold">Access denied</h1>
      <p className="mt-3 text-slate-600">Your role doesn&apos;t give you access to this page.</p>
      <Link href="/dashboard" className="mt-6 inline-block text-brand-600 underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
