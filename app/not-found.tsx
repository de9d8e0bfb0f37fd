import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-3 text-slate-600">This page doesn&apos;t exist, or it belongs to another store.</p>
      <Link href="/dashboard" className="mt-6 inline-block text-brand-600 underline">
        Back to the dashboard
      </Link>
    </main>
  );
}
