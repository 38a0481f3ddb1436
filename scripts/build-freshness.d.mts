export declare const DIST_DIR: string;
export declare const STAMP_FILE: string;
export declare const ENTRY_FILE: string;
/** Root-relative path (forward slashes) → "size:mtimeMs:ctimeMs" of every build input. */
export declare function buildInputs(root: string): Record<string, string>;
/** Why dist/ may not be run, or null when it was built from exactly the current inputs. */
export declare function staleReason(root: string): string | null;
export declare function isBuildFresh(root: string): boolean;
