"use client";

import { useRouter } from "next/navigation";
import { createRequestAction } from "@/app/(console)/requests/actions";
import { useServerAction, type CallOptions } from "@/components/ui/use-server-action";

type CreateRequest = Parameters<typeof createRequestAction>[0];
type Created = { id: string; number: number };

/** The toast most request forms show once the request exists. */
export const waitingForApproval = (r: Created) => `Request #${r.number} created: waiting for approval`;

/** Creates a change request and opens it, where the plan waits for approval. */
export function useCreateRequest() {
  const router = useRouter();
  const { run, pending, fieldErrors } = useServerAction();
  function request(body: CreateRequest, options: Pick<CallOptions<Created>, "success"> = {}) {
    run(createRequestAction, body, {
      success: options.success,
      onSuccess: (r) => router.push(`/requests/${r.id}`),
    });
  }
  return { request, pending, fieldErrors };
}
