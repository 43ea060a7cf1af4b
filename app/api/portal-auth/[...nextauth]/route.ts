import { handlers } from '@/portal-auth';

// Customers' sign-in (email link), session and sign-out; staff have their own endpoints at /api/auth.
export const { GET, POST } = handlers;
