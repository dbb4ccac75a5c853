/** Tables of the jobs work (issue 3). Add them here; db/schema.ts folds this interface into DB. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobsTables {}
