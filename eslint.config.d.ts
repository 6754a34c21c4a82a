// Types for what the layering test reads from eslint.config.js (a plain JS file ESLint loads).
export declare const layers: Record<string, { dir: string; may: string[] }>;
export declare const services: Record<string, string[]>;
declare const config: unknown[];
export default config;
