import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

/** What a console page renders when it calls notFound(): the person, request, template… is not there. */
export default function ConsoleNotFound() {
  return (
    <EmptyState
      title="Not found"
      action={
        <Link href="/" className="text-sm font-medium text-indigo-700 underline">
          Back to the start
        </Link>
      }
    >
      There is nothing at this address: it may have been deleted, or the link is mistyped.
    </EmptyState>
  );
}
