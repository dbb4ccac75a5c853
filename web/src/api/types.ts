// Names for the API's shapes, all taken from the types generated from the committed OpenAPI document
// (schema.d.ts; `npm run openapi` regenerates both). Nothing here is written by hand but the names: a
// shape the server changes changes here too, and the web stops compiling where it no longer fits.
// Ids are decimal strings (bigint on the server), dates YYYY-MM-DD and timestamps ISO 8601.
import type { components, paths } from './schema';

type Schemas = components['schemas'];
type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];

/** The JSON answer of an operation with the given success status. */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P], S extends number = 200> =
  Operation<P, M> extends { responses: { [K in S]: { content: { 'application/json': infer T } } } } ? T : never;
/** The JSON body an operation takes. */
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> =
  NonNullable<Operation<P, M> extends { requestBody?: infer B } ? B : never> extends { content: { 'application/json': infer T } } ? T : never;
/** The query parameters an operation takes. */
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/**
 * Every value of an enumerated field, in the order a form lists them: `valuesOf<Station['type']>()([...])` is a type
 * error when the list misses a value the server declares or has one it does not.
 */
export const valuesOf = <U extends string>() =>
  <const V extends readonly U[]>(values: V & ([U] extends [V[number]] ? unknown : never)): V => values;

export type Me = Schemas['Me'];
export type RoleGrant = Schemas['RoleGrant'];
export type Role = RoleGrant['role'];
export type Permission = Me['permissions'][number];
export type AccountKind = Me['kind'];
export type LoginResult = ResponseOf<'/api/auth/login', 'post'>;
export type LoginStatus = LoginResult['status'];
export type TotpSetup = ResponseOf<'/api/me/totp/setup', 'post'>;
export type SessionInfo = ResponseOf<'/api/me/sessions', 'get'>['items'][number];

export type OrgSummary = Schemas['OrgSummary'];
export type OrgDetail = Schemas['OrgDetail'];
export type OrgType = OrgSummary['type'];
export type OrgLevel = OrgSummary['level'];
export type OrgSector = OrgSummary['sector'];
export type OrgStatus = OrgSummary['status'];
export type OrgWarning = OrgDetail['warnings'][number];
export type OrgInput = BodyOf<'/api/orgs', 'post'>;

export type MemberSummary = Schemas['MemberSummary'];
export type MemberDetail = Schemas['MemberDetail'];
export type Gender = MemberSummary['gender'];
export type MemberCategory = MemberSummary['category'];
export type Standing = MemberSummary['standing'];
export type Education = MemberSummary['education'];
export type IdType = MemberDetail['idType'];
export type MemberInput = BodyOf<'/api/members', 'post'>;
/** The member list's filters (POST /api/members/search without the paging). */
export type MemberQuery = Omit<BodyOf<'/api/members/search', 'post'>, 'cursor' | 'limit'>;
/** `total` comes with the first page only. */
export type MemberPage = ResponseOf<'/api/members/search', 'post'>;
export type MemberHistoryItem = ResponseOf<'/api/members/{id}/history', 'get'>['items'][number];
export type RevealResult = ResponseOf<'/api/members/{id}/reveal', 'post'>;

export type Dashboard = ResponseOf<'/api/dashboard', 'get'>;
export type Bucket = Dashboard['byCategory'][number];
export type DashboardTotals = Dashboard['totals'];
export type DashboardChild = Dashboard['children'][number];

export type Account = Schemas['Account'];
export type AccountStatus = Account['status'];
export type RoleInfo = ResponseOf<'/api/roles', 'get'>['items'][number];
/** A member's login account as their organization's staff see it (GET /api/members/:id/account). */
export type MemberAccount = NonNullable<ResponseOf<'/api/members/{id}/account', 'get'>['account']>;

/** Two-person approval of changes to the security and audit administrators (/api/admin-requests). */
export type ApprovalRequest = Schemas['ApprovalRequest'];
export type ApprovalAction = ApprovalRequest['action'];
export type ApprovalStatus = ApprovalRequest['status'];
export type ApprovalPerson = ApprovalRequest['account'];
/** The 202 answer of a change that waits for a second administrator. */
export type PendingApproval = Schemas['PendingApproval'];
export const isPendingApproval = (x: unknown): x is PendingApproval => !!x && typeof x === 'object' && (x as PendingApproval).approvalRequired === true;

export type AuditEntry = ResponseOf<'/api/audit', 'get'>['items'][number];
export type AuditQuery = Omit<QueryOf<'/api/audit', 'get'>, 'cursor' | 'limit'>;
export type AuditVerify = ResponseOf<'/api/audit/verify', 'post'>;
export type AuditChainProblem = NonNullable<AuditVerify['problem']>;

export type SecurityPolicy = ResponseOf<'/api/security/policy', 'get'>;

export type PublicOverview = ResponseOf<'/api/public/overview', 'get'>;
export type PublicSection = PublicOverview['sections'][number];

export type Flow = Schemas['Flow'];
export type Station = Schemas['Station'];
export type PartyPosition = Schemas['PartyPosition'];
export type VillageOfficial = Schemas['VillageOfficial'];
export type ContactGroup = Schemas['ContactGroup'];
export type ContactGroupEntry = Schemas['ContactGroupEntry'];
export type TransferSummary = Schemas['TransferSummary'];
export type TransferDetail = Schemas['TransferDetail'];
export type ImportStatus = Schemas['ImportStatus'];
export type ViewingSession = Schemas['ViewingSession'];
