export function migrateDeploy(url?: string): Promise<string[]>;
export function migrateCreate(name: string): Promise<void>;
export function providerOf(url: string): 'sqlite' | 'postgresql';
export function defaultSqliteUrl(): string;
