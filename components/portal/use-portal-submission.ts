'use client';

import { useRef, useState } from 'react';
import { useClient, type Client } from 'urql';
import { apiError, type ApiError } from '@/lib/graphql/errors';
import type { UploadedDocument } from './document-upload';
import { newIdempotencyKey, provePortalForm } from './proof-of-work';

/** What every portal submission carries besides the form's own values. */
export type PortalSubmissionExtras = {
  documents: Pick<UploadedDocument, 'token' | 'kind'>[];
  idempotencyKey: string;
  proof: { challenge: string; nonce: string; website: string };
};

/** The answer of a submit mutation, reduced to what the form needs. */
export type PortalSubmissionResult = { error?: unknown; trackingCode?: string | undefined };

/**
 * The sending half shared by the portal's request forms: the uploaded papers, the honeypot, one idempotency key per
 * filled form (so a resend makes no second request), a freshly solved challenge per attempt, the busy flag, the
 * error shown and the tracking code once received. `failureMessage` is what is shown when the server gives none.
 */
export function usePortalSubmission(failureMessage: string) {
  const client = useClient();
  const [documents, setDocuments] = useState<UploadedDocument[]>([]);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const honeypot = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [received, setReceived] = useState<{ code: string; email: string | null } | null>(null);

  /** Proves the form, calls `send` with the extras and shows its tracking code (and `email`) or the error. */
  const submit = async (
    email: string | null,
    send: (client: Client, extras: PortalSubmissionExtras) => Promise<PortalSubmissionResult>,
  ) => {
    setBusy(true);
    setFailure(null);
    try {
      const proof = await provePortalForm(client);
      const result = await send(client, {
        documents: documents.map((d) => ({ token: d.token, kind: d.kind })),
        idempotencyKey,
        proof: { ...proof, website: honeypot.current?.value ?? '' },
      });
      if (result.error || result.trackingCode === undefined) {
        setFailure(apiError(result.error, failureMessage));
        return;
      }
      setReceived({ code: result.trackingCode, email });
      document.getElementById('main-content')?.scrollIntoView?.({ block: 'start' });
    } catch (error) {
      setFailure(apiError(error, failureMessage));
    } finally {
      setBusy(false);
    }
  };

  return { documents, setDocuments, honeypot, busy, failure, received, submit };
}
