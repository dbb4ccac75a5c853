/**
 * Bodies of the Excel exports. Every export is a POST: it writes an audit row (and may reveal), so it sits behind
 * the origin check like any other write, and a cross-site link or image can never start one in a user's name.
 */
import { Type } from 'typebox';
import { IdString } from '../../platform/schemas.js';
import { MemberSearchBody } from '../members/members.schema.js';
import { StationListQuery } from '../stations/stations.schema.js';
import { FlowListQuery, InactiveQuery } from '../flows/flows.schema.js';
import { TransferListQuery } from '../transfers/transfers.schema.js';

const Reveal = (what: string) => Type.Optional(Type.Boolean({
  default: false,
  description: `${what} in full for rows whose home organization lies where the caller holds member.reveal (other rows stay masked); audited`,
}));

export const MemberExportBody = Type.Object({
  ...Type.Omit(MemberSearchBody, ['cursor', 'limit']).properties,
  reveal: Reveal('ID numbers and mobiles'),
}, { additionalProperties: false });

export const OrgExportBody = Type.Object({ orgId: Type.Optional(IdString) }, { additionalProperties: false });
export const StationExportBody = Type.Object(Type.Omit(StationListQuery, ['cursor', 'limit']).properties, { additionalProperties: false });
export const FlowExportBody = Type.Object({
  ...Type.Omit(FlowListQuery, ['cursor', 'limit']).properties,
  reveal: Reveal('destination contact phones'),
}, { additionalProperties: false });
export const InactiveExportBody = Type.Object(InactiveQuery.properties, { additionalProperties: false });
export const TransferExportBody = Type.Object(Type.Omit(TransferListQuery, ['cursor', 'limit']).properties, { additionalProperties: false });
