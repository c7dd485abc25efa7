// The process's database client, for the API's context: the API imports only types from @lede/db
// (ARCHITECTURE.md, "Allowed imports"), so the value comes through the domain.
export { getDb } from '@lede/db';
