import Link from "next/link";

export default function SessionNotFound() {
  return (
    <div className="mx-auto max-w-md py-10 text-center">
      <h1 className="text-2xl font-semibold">Payment link not found</h1>
      <p className="mt-3 text-slate-600">It doesn&apos;t exist, or it belongs to another store.</p>
      <Link href="/sessions" className="mt-6 inline-block text-brand-700 underline underline-offset-2">
        Back to sessions
      </Link>
    </div>
  );
}
