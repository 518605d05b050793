import 'vitest';

/**
 * What test/global-setup.ts provides to every test (`inject('mongoUrl')`…). A declaration file named
 * in tsconfig.base.json's `files`, so each project's own type-check knows it too.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
    mongoUrl: string;
    clickhouseUrl: string;
  }
}
