import 'server-only';
import { getRequestContext } from '@/app/server/request-context';
import type { Db } from '@/db/client';
import type { Actor } from '@/services/auth/actor';
import { errorResponse, jsonError, parseId, unauthenticatedResponse } from './http';

/**
 * The frame of a staff GET route about one record: 401 without a session, 404 with `notFoundMessage` for an id
 * that cannot be one, else `answer`'s response. The service inside `answer` applies the rights; its errors become
 * their HTTP answer and anything unexpected a logged 500 under `where`.
 */
export async function staffRecordResponse(
  rawId: string,
  notFoundMessage: string,
  where: string,
  answer: (db: Db, actor: Actor, id: number) => Promise<Response>,
): Promise<Response> {
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const id = parseId(rawId);
  if (id === null) return jsonError(404, 'NOT_FOUND', notFoundMessage);
  try {
    return await answer(ctx.db, ctx.actor, id);
  } catch (error) {
    return errorResponse(error, where);
  }
}
