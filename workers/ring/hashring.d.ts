// Types for the `hashring` npm package (3.x, CommonJS, ships none): only what the bench uses.
declare module 'hashring' {
  type Hasher = (key: string) => ArrayLike<number> | string;
  class HashRing {
    constructor(
      servers: string[] | Record<string, number | { weight?: number; vnodes?: number }>,
      algorithm?: string | Hasher,
      options?: Record<string, unknown>,
    );
    get(key: string): string | undefined;
    range(key: string, size?: number, unique?: boolean): string[];
  }
  export default HashRing;
}
