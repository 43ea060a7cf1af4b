import { builder } from '@/graphql/builder';
import type { FieldBuilder } from '@/graphql/field-builder';
import type { PortalChallenge } from '@/services/portal/portal-challenge';
import type {
  PortalRequestStatus,
  PortalRequestStep,
  PortalSubmission,
} from '@/services/portal/portal-requests.service';
import type { PortalWard } from '@/services/portal/portal-wards.service';

// The portal's request forms and tracking page. Like the lookup's, these types are their own: nothing here reaches
// a WorkOrder, a Customer or a staff member.

export const PortalChallengeType = builder.objectRef<PortalChallenge>('PortalChallenge').implement({
  description:
    'A proof-of-work challenge for a portal form: find a decimal nonce such that SHA-256 of "<challenge>:<nonce>" starts with `difficulty` zero bits, and send both with the form. Single use; also the X-Portal-Token of the upload route.',
  fields: (t) => ({
    challenge: t.exposeString('challenge'),
    difficulty: t.exposeInt('difficulty'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

export const PortalSubmissionType = builder.objectRef<PortalSubmission>('PortalSubmission').implement({
  description: 'A request the portal received.',
  fields: (t) => ({
    trackingCode: t.exposeString('trackingCode', {
      description: 'Typed on the tracking page with the last 4 digits of the applicant’s phone.',
    }),
  }),
});

const PortalRequestStepType = builder.objectRef<PortalRequestStep>('PortalRequestStep').implement({
  description: 'One status a request reached, and when; never who.',
  fields: (t) => ({
    status: t.exposeString('status'),
    statusLabel: t.exposeString('statusLabel'),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

/** What a request shows wherever the portal lists it: the tracking page and a signed-in account's requests. */
interface PortalRequestSummary {
  trackingCode: string;
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  receivedAt: Date;
}

export const portalRequestSummaryFields = (t: FieldBuilder<PortalRequestSummary>) => ({
  trackingCode: t.exposeString('trackingCode'),
  kind: t.exposeString('kind'),
  kindLabel: t.exposeString('kindLabel'),
  status: t.exposeString('status'),
  statusLabel: t.exposeString('statusLabel'),
  receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
});

export const PortalRequestStatusType = builder.objectRef<PortalRequestStatus>('PortalRequestStatus').implement({
  description: 'A request as its tracking page shows it: its kind, status, dates and status history.',
  fields: (t) => ({
    ...portalRequestSummaryFields(t),
    deadline: t.expose('deadline', { type: 'Date', description: 'The day the answer is due.' }),
    isClosed: t.exposeBoolean('isClosed'),
    timeline: t.field({ type: [PortalRequestStepType], resolve: (s) => s.timeline }),
  }),
});

export const PortalWardType = builder.objectRef<PortalWard>('PortalWard').implement({
  description: 'A ward or commune a registration can name.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    name: t.exposeString('name'),
    district: t.exposeString('district'),
  }),
});

const PortalProofInput = builder.inputType('PortalProofInput', {
  description: 'The solved portalChallenge, and the form’s honeypot field exactly as the page sent it (empty).',
  fields: (t) => ({
    challenge: t.string({ required: true }),
    nonce: t.string({ required: true }),
    website: t.string(),
  }),
});

const PortalDocumentInput = builder.inputType('PortalDocumentInput', {
  description: 'A document uploaded through POST /api/portal/uploads: its token and what it is.',
  fields: (t) => ({
    token: t.string({ required: true }),
    kind: t.string({ required: true, description: 'CITIZEN_ID | LAND_PAPER | RESIDENCE | PHOTO | OTHER' }),
  }),
});

export const PortalConnectionRequestInput = builder.inputType('PortalConnectionRequestInput', {
  description: 'A registration for a new connection (schemas/portal-requests.ts validates it).',
  fields: (t) => ({
    applicantName: t.string({ required: true }),
    applicantPhone: t.string({ required: true }),
    applicantEmail: t.string({ description: 'Where the confirmation goes.' }),
    citizenId: t.string({ required: true }),
    contactName: t.string({ description: 'Someone else to call on site, if any.' }),
    contactPhone: t.string(),
    address: t.string({ required: true, description: 'House number and street (or hamlet).' }),
    wardId: t.int({ required: true }),
    serviceTypeCode: t.string({ required: true, description: 'Purpose of use: a code of portalServiceTypes.' }),
    households: t.int({ required: true }),
    persons: t.int({ required: true }),
    latitude: t.float(),
    longitude: t.float(),
    description: t.string(),
    documents: t.field({ type: [PortalDocumentInput] }),
    idempotencyKey: t.string({ required: true, description: 'Random, made once per filled form.' }),
    proof: t.field({ type: PortalProofInput, required: true }),
  }),
});

const PortalServiceRequestDetailsInput = builder.inputType('PortalServiceRequestDetailsInput', {
  description: 'What some kinds need besides the description.',
  fields: (t) => ({
    newAddress: t.string({ description: 'RELOCATION: where the meter should go.' }),
    meterSize: t.string({ description: 'UPGRADE: the meter size asked for.' }),
    fromDate: t.string({ description: 'SUSPENSION, RESUMPTION: YYYY-MM-DD.' }),
    toDate: t.string({ description: 'SUSPENSION: YYYY-MM-DD, optional.' }),
    newName: t.string({ description: 'NAME_CHANGE: the new name on the contract.' }),
    invoiceNumber: t.string({ description: 'BILL_DISPUTE: the disputed invoice’s number.' }),
    place: t.string({ description: 'LEAK_REPORT: where the leak is.' }),
  }),
});

export const PortalServiceRequestInput = builder.inputType('PortalServiceRequestInput', {
  description: 'A request of an existing customer, proved like the bill lookup (schemas/portal-requests.ts).',
  fields: (t) => ({
    customerCode: t.string({ required: true }),
    verifier: t.string({ required: true, description: 'Last 4 digits of the phone on file, or an invoice number.' }),
    kind: t.string({
      required: true,
      description:
        'RELOCATION | UPGRADE | METER_REPLACEMENT | METER_CHECK | SUSPENSION | RESUMPTION | NAME_CHANGE | BILL_DISPUTE | LEAK_REPORT | PROBLEM_REPORT',
    }),
    applicantName: t.string({ required: true }),
    applicantPhone: t.string({ required: true, description: 'Its last 4 digits open the tracking page.' }),
    applicantEmail: t.string(),
    description: t.string(),
    details: t.field({ type: PortalServiceRequestDetailsInput }),
    documents: t.field({ type: [PortalDocumentInput] }),
    idempotencyKey: t.string({ required: true }),
    proof: t.field({ type: PortalProofInput, required: true }),
  }),
});
