"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { createRequestAction } from "@/app/(console)/requests/actions";

/** Creates a change request and opens it, where the plan waits for approval. */
export function useCreateRequest() {
  const router = useRouter();
  const [pending, start] = useTransition();
  function request(kind: string, input: unknown, onError?: (fieldErrors: Record<string, string[]>) => void) {
    start(async () => {
      const res = await createRequestAction({ kind, input });
      if (!res.ok) {
        onError?.(
          Object.fromEntries(
            Object.entries(res.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^input\./, ""), v]),
          ),
        );
        return void toast.error(res.error);
      }
      toast.success(`Request #${res.data.number} created: waiting for approval`);
      router.push(`/requests/${res.data.id}`);
    });
  }
  return { request, pending };
}
