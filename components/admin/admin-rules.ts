// The six rights and their labels: the domain's own (plain constants, safe in the browser bundle).
export { RIGHTS, RIGHT_LABELS, type Right, type Rights } from '@/domain/auth/permissions';

