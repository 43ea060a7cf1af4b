// The six rights and their labels: the domain's own (plain constants, safe in the browser bundle).
export { RIGHTS, RIGHT_LABELS, type Right } from '@/domain/auth/permissions';
