// The reader app's proxy issues anonymous reader ids; this entry keeps that import narrow (no db, no tRPC).
export { issueReaderId } from '@lede/domain/reader-id';
