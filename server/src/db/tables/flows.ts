/** Tables of the flows work (issue 3). Add them here; db/schema.ts folds this interface into DB. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FlowsTables {}
