import { CombinedError } from '@urql/core';

/** An error as the API reports it: the Vietnamese message to show and the stable `extensions.code`. */
export interface ApiError {
  message: string;
  code: string;
  /** The input the error is about (AppError's `field`), if any. */
  field?: string;
  /** Per-field problems of a rejected input. */
  issues?: { path: string; message: string }[];
}

const NETWORK: ApiError = { message: 'Không kết nối được máy chủ. Kiểm tra mạng và thử lại.', code: 'NETWORK' };

/**
 * The one way to show a failed query or mutation. urql's own `error.message` is prefixed ("[GraphQL] …") and
 * is not for users, so the first GraphQL error's message and code are read instead.
 */
export function apiError(error: unknown, fallback = 'Đã có lỗi hệ thống, vui lòng thử lại.'): ApiError {
  if (error instanceof CombinedError) {
    const first = error.graphQLErrors[0];
    if (first) {
      const ext = first.extensions as { code?: unknown; field?: unknown; issues?: unknown };
      return {
        message: first.message || fallback,
        code: typeof ext.code === 'string' ? ext.code : 'ERROR',
        ...(typeof ext.field === 'string' ? { field: ext.field } : {}),
        ...(Array.isArray(ext.issues) ? { issues: ext.issues as ApiError['issues'] } : {}),
      };
    }
    if (error.networkError) return NETWORK;
    return { message: fallback, code: 'ERROR' };
  }
  return { message: error instanceof Error && error.message ? error.message : fallback, code: 'ERROR' };
}

/** The message alone, for a toast or an alert line. */
export const errorMessage = (error: unknown, fallback?: string): string => apiError(error, fallback).message;
